import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../lib/session';

/** Signed-out visitors go to /login and come back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, signedOut } = useSession();
  const location = useLocation();
  // Logging out or deleting the account leaves for the store, not for the log-in screen.
  if (!user && signedOut === 'by-user') return <Navigate to="/" replace />;
  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

/** Only same-site paths are followed after sign-in (no open redirect through ?next=). */
export const safeNext = (next: string | null, fallback = '/') =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
