import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/components/login-form';
import { AuthCard } from '../../features/auth/components/auth-card';
import { safeNext } from '../components/require-auth';
import { usePageTitle } from '../components/page-title';

export default function LoginPage() {
  usePageTitle('Log in');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  return (
    <AuthCard
      title="Welcome back"
      subtitle={
        <>
          New to Cartwheel?{' '}
          <Link
            to={`/signup${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}
            className="font-semibold text-brand-700 hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
    </AuthCard>
  );
}
