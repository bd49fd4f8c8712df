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
  token_type: 'Bearer' as const,
  access_token: access,
  expires_in: expiresIn,
  refresh_token: refresh,
  refresh_expires_at: new Date(Date.now() + 86_400_000).toISOString(),
  user,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The app calls its own origin with relative URLs; outside a browser they need a base to resolve against. */
class SameOriginRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'http://cartwheel.test') : input, init);
  }
}

let fetchMock: ReturnType<typeof vi.fn>;
/** The request the n-th fetch sent. */
const sent = (n: number) => fetchMock.mock.calls[n]![0] as Request;

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('Request', SameOriginRequest);
  vi.stubGlobal('localStorage', memoryStorage());
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

async function load() {
  const { session } = await import('./session');
  const { api, publicApi, unwrap, formData, ApiError } = await import('./api');
  return { session, api, publicApi, unwrap, formData, ApiError };
}

describe('session', () => {
  it('refreshes an expiring access token once, however many calls wait for it', async () => {
    const { session } = await load();
    session.signIn(tokens('old-access', 'refresh-1', 10)); // expires within the 30 s margin
    fetchMock.mockResolvedValueOnce(json(200, tokens('new-access', 'refresh-2')));
    const got = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);
    expect(got).toEqual(['new-access', 'new-access', 'new-access']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await sent(0).json()).toEqual({ refresh_token: 'refresh-1' });
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
    const { session, api, unwrap } = await load();
    session.signIn(tokens('revoked', 'refresh-1'));
    fetchMock
      .mockResolvedValueOnce(json(401, { code: 'INVALID_TOKEN', detail: 'Access token is invalid' }))
      .mockResolvedValueOnce(json(200, tokens('renewed', 'refresh-2')))
      .mockResolvedValueOnce(json(200, { ok: true }));
    expect(await unwrap(api.GET('/api/v1/auth/me'))).toEqual({ ok: true });
    expect(sent(0).headers.get('authorization')).toBe('Bearer revoked');
    expect(new URL(sent(1).url).pathname).toBe('/api/v1/auth/refresh');
    expect(sent(1).headers.get('authorization')).toBeNull();
    expect(sent(2).headers.get('authorization')).toBe('Bearer renewed');
  });

  it('turns problem+json into an ApiError naming the fields', async () => {
    const { publicApi, unwrap, ApiError } = await load();
    fetchMock.mockResolvedValueOnce(
      json(422, {
        code: 'VALIDATION_FAILED',
        detail: 'Invalid body: body.email',
        errors: [{ field: 'body.email', message: 'Invalid email' }],
      }),
    );
    const err = await unwrap(
      publicApi.POST('/api/v1/auth/register', {
        body: { email: 'nope', password: 'long enough', first_name: 'Ada' },
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as InstanceType<typeof ApiError>).status).toBe(422);
    expect((err as InstanceType<typeof ApiError>).fieldError('email')).toBe('Invalid email');
  });

  it('reports a network failure as status 0 rather than throwing a TypeError', async () => {
    const { publicApi, unwrap } = await load();
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(unwrap(publicApi.GET('/api/v1/categories'))).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK',
    });
  });

  it('sends uploads as multipart form data and header parameters as headers', async () => {
    const { api, unwrap, formData } = await load();
    fetchMock
      .mockResolvedValueOnce(json(202, { job_id: 'j1', status_url: '/x' }))
      .mockResolvedValueOnce(new Response(null, { status: 204 }));
    await unwrap(
      api.POST('/api/v1/admin/inventory/sync', {
        body: { file: new File(['warehouse_code,sku,on_hand'], 'feed.csv') },
        bodySerializer: formData,
      }),
    );
    expect(sent(0).headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect((await sent(0).formData()).get('file')).toBeInstanceOf(File);

    const token = 'x'.repeat(43);
    expect(await unwrap(api.DELETE('/api/v1/cart', { params: { header: { 'x-cart-token': token } } }))).toBe(
      undefined,
    );
    expect(sent(1).headers.get('x-cart-token')).toBe(token);
  });
});
