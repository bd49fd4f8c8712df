import { useSyncExternalStore } from 'react';
import { publicApi, type ResponseOf } from './api';

/** What POST /auth/login and /auth/refresh return. */
export type TokenResponse = ResponseOf<'/api/v1/auth/login', 'post'>;
export type User = TokenResponse['user'];
export type Role = User['role'];

type Stored = { accessToken: string; accessExpiresAt: number; refreshToken: string; user: User };
/** `signedOut`: why there is no user — the shopper left on purpose, or the session ran out. */
export type SessionState = { user: User | null; signedOut?: 'by-user' | 'expired' };

const KEY = 'cw.session';
const SIGNED_OUT: SessionState = { user: null };

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

let stored = read();
let snapshot: SessionState = stored ? { user: stored.user } : SIGNED_OUT;
const listeners = new Set<() => void>();

function set(next: Stored | null, persist = true, reason: SessionState['signedOut'] = 'expired') {
  stored = next;
  snapshot = next ? { user: next.user } : { ...SIGNED_OUT, signedOut: reason };
  if (persist) {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  }
  for (const l of listeners) l();
}

// Signing in or out in one tab signs in or out every tab.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY || e.key === null) set(read(), false);
  });
}

let refreshing: Promise<string | null> | null = null;

async function doRefresh(staleAccess: string | null): Promise<string | null> {
  const run = async () => {
    // Another tab may have refreshed while we waited for the lock: use its tokens.
    const current = read();
    if (!current) {
      set(null, false);
      return null;
    }
    if (current.accessToken !== staleAccess && current.accessExpiresAt - Date.now() > 30_000) {
      set(current, false);
      return current.accessToken;
    }
    // Without the access token: it is the one being replaced.
    const { data: tokens, response } = await publicApi.POST('/api/v1/auth/refresh', {
      body: { refresh_token: current.refreshToken },
    });
    if (response.status === 401 || response.status === 403) {
      set(null);
      return null;
    }
    if (!tokens) throw new Error(`refresh failed (${response.status})`);
    session.signIn(tokens);
    return tokens.access_token;
  };
  // Refresh tokens rotate and reuse revokes the session: only one tab may refresh at a time.
  return typeof navigator !== 'undefined' && navigator.locks
    ? navigator.locks.request('cw.refresh', run)
    : run();
}

export const session = {
  get: (): SessionState => snapshot,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(tokens: TokenResponse) {
    set({
      accessToken: tokens.access_token,
      accessExpiresAt: Date.now() + tokens.expires_in * 1000,
      refreshToken: tokens.refresh_token,
      user: tokens.user,
    });
  },
  setUser(user: User) {
    if (stored) set({ ...stored, user });
  },
  /** Signs out here and in every tab; `expired` when the server refused the session. */
  signOut(reason: 'by-user' | 'expired' = 'by-user') {
    set(null, true, reason);
  },
  /** The refresh token, for logout calls. */
  refreshToken: () => stored?.refreshToken ?? null,
  /** A valid access token (refreshed when about to expire), or null when signed out. */
  async accessToken(): Promise<string | null> {
    if (!stored) return null;
    if (stored.accessExpiresAt - Date.now() > 30_000) return stored.accessToken;
    return session.refresh(stored.accessToken);
  },
  /** Refreshes once for everyone waiting; resolves to the new access token or null. */
  refresh(staleAccess: string | null): Promise<string | null> {
    refreshing ??= doRefresh(staleAccess).finally(() => {
      refreshing = null;
    });
    return refreshing;
  },
};

export const useSession = () => useSyncExternalStore(session.subscribe, session.get, session.get);

export const displayName = (u: Pick<User, 'first_name' | 'email'>) => u.first_name ?? u.email.split('@')[0];
