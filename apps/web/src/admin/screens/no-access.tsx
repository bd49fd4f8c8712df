import { ButtonLink } from '../../components/button';
import { AlertIcon } from '../../components/icons';
import type { User } from '../../lib/session';
import { usePageTitle } from '../../app/components/page-title';

/** Signed in, but not staff: say so plainly and offer the way back (riders: their own view). */
export function NoAccess({ user }: { user: User }) {
  usePageTitle('No access');
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-canvas px-6">
      <div className="max-w-md rounded-2xl border border-line bg-white p-8 text-center shadow-card">
        <div className="mx-auto mb-4 flex h-14 w-14 items-center justify-center rounded-full bg-amber-50 text-amber-600">
          <AlertIcon size={28} />
        </div>
        <h1 className="text-xl font-bold">No access to the admin console</h1>
        <p className="mt-2 text-sm text-muted">
          You are signed in as <strong className="text-ink">{user.email}</strong>, which is not a staff
          account. Ask an administrator if you need access.
        </p>
        <div className="mt-6 flex justify-center gap-3">
          {user.role === 'rider' ? (
            <ButtonLink to="/rider">Go to my deliveries</ButtonLink>
          ) : (
            <ButtonLink to="/">Back to the store</ButtonLink>
          )}
        </div>
      </div>
    </main>
  );
}
