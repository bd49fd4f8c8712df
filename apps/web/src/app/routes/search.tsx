import { useSearchParams } from 'react-router';
import { Listing } from '../components/listing';
import { usePageTitle } from '../components/page-title';

export default function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const featured = params.get('featured') === '1';
  const title = featured ? 'Featured products' : 'All products';
  usePageTitle(q ? `“${q}”` : title);
  return (
    <Listing
      heading={
        <h1 className="text-xl font-extrabold tracking-tight md:text-2xl">
          {q ? (
            <>
              Results for <span className="text-brand-700">“{q}”</span>
            </>
          ) : (
            title
          )}
        </h1>
      }
    />
  );
}
