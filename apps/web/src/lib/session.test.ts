import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from './session';

/** session.ts reads localStorage when loaded: each test loads a fresh copy over a fresh store. */
function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    length: 0,
  };
}

const user: User = {
  id: 'u1',
  email: 'a@example.com',
  username: null,
  first_name: 'Ada',
  last_name: null,
  phone: null,
  date_of_birth: null,
  marketing_opt_in: false,
  notification_prefs: { order_updates: true, promotions: false, sms: false },
  role: 'customer',
  email_verified: true,
  created_at: '2026-01-01T00:00:00.000Z',
};
const tokens = (access: string, refresh: string, expiresIn = 900) => ({
  access_token: access,
  expires_in: expiresIn,
  refresh_token: refresh,
  refresh_expires_at: new Date(Date.now() + 86_400_000).toISOString(),
  user,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('localStorage', memoryStorage());
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

async function load() {
  const { session } = await import('./session');
  const { api, ApiError } = await import('./api');
  return { session, api, ApiError };
}

describe('session', () => {
  it('refreshes an expiring access token once, however many calls wait for it', async () => {
    const { session } = await load();
    session.signIn(tokens('old-access', 'refresh-1', 10)); // expires within the 30 s margin
    fetchMock.mockResolvedValueOnce(json(200, tokens('new-access', 'refresh-2')));
    const got = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);
    expect(got).toEqual(['new-access', 'new-access', 'new-access']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body)).toEqual({ refresh_token: 'refresh-1' });
    // The rotated refresh token is the one kept.
    expect(JSON.parse(localStorage.getItem('cw.session')!).refreshToken).toBe('refresh-2');
  });

  it('uses tokens another tab already refreshed instead of spending the rotated refresh token', async () => {
    const { session } = await load();
    session.signIn(tokens('stale', 'refresh-1', 10));
    // Another tab rotated meanwhile and wrote the new pair to storage.
    localStorage.setItem(
      'cw.session',
      JSON.stringify({
        accessToken: 'fresh',
        accessExpiresAt: Date.now() + 600_000,
        refreshToken: 'refresh-2',
        user,
      }),
    );
    expect(await session.refresh('stale')).toBe('fresh');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs out when the refresh token is refused', async () => {
    const { session } = await load();
    session.signIn(tokens('old', 'refresh-1', 10));
    fetchMock.mockResolvedValueOnce(json(401, { code: 'INVALID_REFRESH_TOKEN' }));
    expect(await session.accessToken()).toBeNull();
    expect(session.get().user).toBeNull();
    expect(localStorage.getItem('cw.session')).toBeNull();
  });
});

describe('api client', () => {
  it('retries once with refreshed tokens after a 401', async () => {
    const { session, api } = await load();
    session.signIn(tokens('revoked', 'refresh-1'));
    fetchMock
      .mockResolvedValueOnce(json(401, { code: 'INVALID_TOKEN', detail: 'Access token is invalid' }))
      .mockResolvedValueOnce(json(200, tokens('renewed', 'refresh-2')))
      .mockResolvedValueOnce(json(200, { ok: true }));
    expect(await api('/auth/me')).toEqual({ ok: true });
    expect(fetchMock.mock.calls[2]![1].headers.authorization).toBe('Bearer renewed');
  });

  it('turns problem+json into an ApiError naming the fields', async () => {
    const { api, ApiError } = await load();
    fetchMock.mockResolvedValueOnce(
      json(422, {
        code: 'VALIDATION_FAILED',
        detail: 'Invalid body: body.email',
        errors: [{ field: 'body.email', message: 'Invalid email' }],
      }),
    );
    const err = await api('/auth/register', { method: 'POST', body: {}, auth: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as InstanceType<typeof ApiError>).status).toBe(422);
    expect((err as InstanceType<typeof ApiError>).fieldError('email')).toBe('Invalid email');
  });

  it('reports a network failure as status 0 rather than throwing a TypeError', async () => {
    const { api } = await load();
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(api('/categories', { auth: false })).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
