import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../../features/auth/components/auth-card';
import { ResetPasswordForm } from '../../features/auth/components/password-forms';
import { useToast } from '../../components/toast';
import { session } from '../../lib/session';
import { usePageTitle } from '../components/page-title';

/** The link in the reset email lands here: /reset-password?token=… */
export default function ResetPasswordPage() {
  usePageTitle('Set a new password');
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const notify = useToast();
  return (
    <AuthCard title="Set a new password" subtitle="You will be signed out everywhere and can log in with it.">
      {token ? (
        <ResetPasswordForm
          token={token}
          onDone={() => {
            session.signOut();
            notify('Password changed. Log in with your new password.', 'success');
            navigate('/login', { replace: true });
          }}
        />
      ) : (
        <p className="text-sm">
          This page needs the link from your email.{' '}
          <Link to="/forgot-password" className="font-semibold text-brand-700 hover:underline">
            Ask for a new link
          </Link>
        </p>
      )}
    </AuthCard>
  );
}
