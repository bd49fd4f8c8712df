import { ButtonLink } from '../../components/button';
import { EmptyState } from '../../components/states';
import { SearchIcon } from '../../components/icons';
import { usePageTitle } from '../components/page-title';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <EmptyState
      icon={<SearchIcon size={28} />}
      title="Page not found"
      action={<ButtonLink to="/">Go to the store</ButtonLink>}
    >
      The page you were looking for does not exist.
    </EmptyState>
  );
}
