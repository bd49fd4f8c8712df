import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { ButtonLink } from '../../components/button';
import { CheckIcon } from '../../components/icons';
import { InlineError, PageLoader } from '../../components/states';
import { isApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useVerifyEmail } from '../../features/auth/api/verify-email';
import { AuthCard } from '../../features/auth/components/auth-card';
import { ResendVerification } from '../../features/auth/components/resend-verification';
import { usePageTitle } from '../components/page-title';

/** The link in the verification email lands here: /verify-email?token=… */
export default function VerifyEmailPage() {
  usePageTitle('Verify email');
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useVerifyEmail();
  const { user } = useSession();
  const sent = useRef(false);

  useEffect(() => {
    // Tokens are single use: send it once, even under StrictMode's double effects.
    if (token && !sent.current) {
      sent.current = true;
      verify.mutate(token);
    }
  }, [token, verify]);

  if (!token)
    return (
      <AuthCard title="Verify your email" subtitle="Open the link we emailed you to confirm your address.">
        {user && !user.email_verified ? <ResendVerification email={user.email} /> : null}
      </AuthCard>
    );
  if (verify.isPending || verify.isIdle) return <PageLoader label="Verifying your email" />;
  if (verify.isError)
    return (
      <AuthCard title="This link did not work">
        <div className="space-y-4">
          <InlineError>
            {isApiError(verify.error, 400)
              ? 'The link is invalid, already used or expired.'
              : verify.error.message}
          </InlineError>
          {user && !user.email_verified && <ResendVerification email={user.email} />}
          <ButtonLink to="/login" variant="outline" className="w-full">
            Go to log in
          </ButtonLink>
        </div>
      </AuthCard>
    );
  return (
    <AuthCard title="Email verified" subtitle={`Thanks, ${verify.data.first_name ?? verify.data.email}.`}>
      <div className="space-y-4 text-center">
        <div className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-brand-600 text-white">
          <CheckIcon size={28} />
        </div>
        <p className="text-sm text-muted" role="status">
          Your email address {verify.data.email} is confirmed.
        </p>
        <ButtonLink to={user ? '/' : '/login'} size="lg" className="w-full">
          {user ? 'Start shopping' : 'Log in'}
        </ButtonLink>
      </div>
    </AuthCard>
  );
}
