import { useState } from 'react';
import { Link } from 'react-router';
import { AuthCard } from '../../features/auth/components/auth-card';
import { SignupForm } from '../../features/auth/components/signup-form';
import { ResendVerification } from '../../features/auth/components/resend-verification';
import { usePageTitle } from '../components/page-title';

export default function SignupPage() {
  usePageTitle('Create account');
  const [registered, setRegistered] = useState<string | null>(null);
  if (registered)
    return (
      <AuthCard
        title="Check your inbox"
        subtitle={
          <>
            We sent a link to <b>{registered}</b> to confirm your email.
          </>
        }
      >
        <div className="space-y-4 text-sm">
          <p className="rounded-xl bg-brand-50 p-4 text-brand-800" role="status">
            Your account is ready. Open the link in the email to verify your address, then log in.
          </p>
          <ResendVerification email={registered} />
          <Link to="/login" className="block text-center font-semibold text-brand-700 hover:underline">
            Go to log in
          </Link>
        </div>
      </AuthCard>
    );
  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{' '}
          <Link to="/login" className="font-semibold text-brand-700 hover:underline">
            Log in
          </Link>
        </>
      }
    >
      <SignupForm onRegistered={setRegistered} />
    </AuthCard>
  );
}
