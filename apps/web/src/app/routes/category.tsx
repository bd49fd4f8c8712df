import { Link, useParams } from 'react-router';
import { ChevronRight } from '../../components/icons';
import { EmptyState, ErrorState, PageLoader } from '../../components/states';
import { isApiError } from '../../lib/api';
import { useCategories } from '../../features/catalog/api/get-categories';
import { useCategory } from '../../features/catalog/api/get-category';
import type { CategoryNode } from '../../features/catalog/types';
import { Listing } from '../components/listing';
import { usePageTitle } from '../components/page-title';

/** The category's top-level branch, flattened with depth, for the sidebar tree. */
function branch(tree: CategoryNode[], rootId: string | undefined, currentSlug: string) {
  const root = tree.find((c) => c.id === rootId);
  if (!root) return [];
  const out: { id: string; name: string; slug: string; count: number; depth: number; current: boolean }[] =
    [];
  const walk = (n: CategoryNode, depth: number) => {
    out.push({
      id: n.id,
      name: n.name,
      slug: n.slug,
      count: n.product_count,
      depth,
      current: n.slug === currentSlug,
    });
    n.children.forEach((c) => walk(c, depth + 1));
  };
  walk(root, 0);
  return out;
}

export default function CategoryPage() {
  const { slug = '' } = useParams();
  const category = useCategory(slug);
  const tree = useCategories();
  usePageTitle(category.data?.name);

  if (category.isPending) return <PageLoader />;
  if (category.error)
    return isApiError(category.error, 404) ? (
      <EmptyState title="Category not found">
        This category does not exist or is no longer available.
      </EmptyState>
    ) : (
      <ErrorState error={category.error} onRetry={() => void category.refetch()} />
    );

  const c = category.data;
  const links = branch(tree.data ?? [], c.breadcrumb[0]?.id, c.slug);
  return (
    <Listing
      key={c.slug}
      fixed={{ category: c.slug }}
      categoryLinks={links}
      categoryTitle={c.breadcrumb[0]?.name ?? 'Category'}
      heading={
        <div>
          <nav aria-label="Breadcrumb" className="mb-1 text-xs text-muted">
            <ol className="flex flex-wrap items-center gap-1">
              <li>
                <Link to="/" className="hover:text-ink">
                  Home
                </Link>
              </li>
              {c.breadcrumb.map((b, i) => (
                <li key={b.id} className="flex items-center gap-1">
                  <ChevronRight size={12} />
                  {i === c.breadcrumb.length - 1 ? (
                    <span aria-current="page">{b.name}</span>
                  ) : (
                    <Link to={`/c/${b.slug}`} className="hover:text-ink">
                      {b.name}
                    </Link>
                  )}
                </li>
              ))}
            </ol>
          </nav>
          <h1 className="text-xl font-extrabold tracking-tight md:text-2xl">{c.name}</h1>
          {c.description && <p className="mt-1 max-w-2xl text-sm text-muted">{c.description}</p>}
          {c.children.length > 0 && (
            <ul
              className="scrollbar-none mt-3 flex gap-2 overflow-x-auto pb-1 md:hidden"
              aria-label="Subcategories"
            >
              {c.children.map((child) => (
                <li key={child.id}>
                  <Link
                    to={`/c/${child.slug}`}
                    className="block rounded-full border border-line bg-white px-3 py-1.5 text-sm font-semibold whitespace-nowrap"
                  >
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      }
    />
  );
}
