import { Link } from 'react-router';
import { AuthCard } from '../../features/auth/components/auth-card';
import { ForgotPasswordForm } from '../../features/auth/components/password-forms';
import { usePageTitle } from '../components/page-title';

export default function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  return (
    <AuthCard title="Forgot your password?" subtitle="We’ll email you a link to set a new one.">
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm">
        <Link to="/login" className="font-semibold text-brand-700 hover:underline">
          Back to log in
        </Link>
      </p>
    </AuthCard>
  );
}
