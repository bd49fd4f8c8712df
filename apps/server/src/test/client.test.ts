/**
 * The generated typed client (@cartwheel/client, OPS-4) against the real app on a real port: its
 * paths and bodies match what the server accepts, its middleware sends the credentials, and errors
 * arrive as typed problem+json. The @ts-expect-error lines fail `npm run typecheck` if the
 * generated types ever go loose (e.g. `any`) or stop matching the routes.
 */
import { createCartwheelClient, type CartwheelClient, type Problem } from '@cartwheel/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, uniqueEmail, type TestApp } from './harness.js';

let t: TestApp;
let baseUrl: string;
let anonymous: CartwheelClient;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  anonymous = createCartwheelClient({ baseUrl });
});
afterAll(async () => t?.close());

/** Registers and signs in through the client; returns a client that sends that user's token. */
async function signUp(role: 'customer' | 'staff' = 'customer') {
  const email = uniqueEmail(`client-${role}`);
  const registered = await anonymous.POST('/api/v1/auth/register', {
    body: { email, password: STRONG_PASSWORD, first_name: 'Typed' },
  });
  expect(registered.response.status).toBe(201);
  const id = registered.data!.id;
  // Staff is granted directly in the database, as the other tests do (there is no self-service route).
  if (role !== 'customer')
    await t.database.pool.query('update users set role = $1 where id = $2', [role, id]);
  const login = await anonymous.POST('/api/v1/auth/login', { body: { email, password: STRONG_PASSWORD } });
  expect(login.error).toBeUndefined();
  let token: string | undefined = login.data!.access_token;
  const client = createCartwheelClient({ baseUrl, getAccessToken: () => token });
  return { id, email, client, signOut: () => (token = undefined) };
}

describe('typed client (OPS-4)', () => {
  it('registers, signs in and reads /auth/me with the bearer token the middleware adds', async () => {
    const email = uniqueEmail('client');
    const { data, error, response } = await anonymous.POST('/api/v1/auth/register', {
      body: { email, password: STRONG_PASSWORD, first_name: 'Ana', last_name: 'Lima' },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ email, first_name: 'Ana', role: 'customer', email_verified: false });
    expectTypeOf(data!.role).toEqualTypeOf<'customer' | 'staff' | 'admin' | 'rider'>();

    const login = await anonymous.POST('/api/v1/auth/login', { body: { email, password: STRONG_PASSWORD } });
    expect(login.data?.token_type).toBe('Bearer');
    expect(login.data?.user.email).toBe(email);

    // Read on every request: the token can change (refresh, sign-out) without a new client.
    let token: string | undefined = login.data!.access_token;
    const api = createCartwheelClient({ baseUrl, getAccessToken: async () => token });
    const me = await api.GET('/api/v1/auth/me');
    expect(me.response.status).toBe(200);
    expect(me.data).toMatchObject({ id: data!.id, email, first_name: 'Ana', last_name: 'Lima' });

    token = undefined;
    const signedOut = await api.GET('/api/v1/auth/me');
    expect(signedOut.response.status).toBe(401);
    expect(signedOut.data).toBeUndefined();
    expect(signedOut.error?.code).toBe('UNAUTHENTICATED');

    // A header given on the call itself wins over the middleware's.
    token = login.data!.access_token;
    const overridden = await api.GET('/api/v1/auth/me', { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(overridden.response.status).toBe(401);
  });

  it('creates catalog data as staff and reads it back anonymously, recursive category tree included', async () => {
    const staff = await signUp('staff');
    const parent = await staff.client.POST('/api/v1/admin/categories', {
      body: { name: `Pantry ${Date.now()}` },
    });
    expect(parent.response.status).toBe(201);
    const child = await staff.client.POST('/api/v1/admin/categories', {
      body: { name: `Pasta ${Date.now()}`, parent_id: parent.data!.id },
    });
    expect(child.response.status).toBe(201);
    const created = await staff.client.POST('/api/v1/admin/products', {
      body: {
        name: 'Typed Spaghetti',
        sku: `TYPED-${Date.now()}`,
        category_id: child.data!.id,
        price_cents: 249,
        status: 'active',
      },
    });
    expect(created.error).toBeUndefined();
    expect(created.response.status).toBe(201);

    const product = await anonymous.GET('/api/v1/products/slug/{slug}', {
      params: { path: { slug: created.data!.slug } },
    });
    expect(product.response.status).toBe(200);
    expect(product.data).toMatchObject({ id: created.data!.id, name: 'Typed Spaghetti', price_cents: 249 });
    expectTypeOf(product.data!.price_cents).toEqualTypeOf<number>();

    // CategoryNode is a named, recursive component: children are CategoryNodes all the way down.
    const tree = await anonymous.GET('/api/v1/categories');
    expect(tree.response.status).toBe(200);
    const node = tree.data!.find((c) => c.id === parent.data!.id);
    expect(node?.children.map((c) => c.id)).toEqual([child.data!.id]);
    expect(node?.children[0]?.children).toEqual([]);

    const list = await anonymous.GET('/api/v1/products', { params: { query: { q: 'spaghetti' } } });
    expect(list.response.status).toBe(200);
    expect(list.data!.items.map((p) => p.id)).toContain(created.data!.id);

    // The same staff client without its token: the admin route answers 401, typed as a Problem.
    staff.signOut();
    const denied = await staff.client.POST('/api/v1/admin/categories', { body: { name: 'Nope' } });
    expect(denied.response.status).toBe(401);
  });

  it('returns errors as typed RFC 9457 problem+json', async () => {
    const missing = await anonymous.GET('/api/v1/products/slug/{slug}', {
      params: { path: { slug: 'no-such-product' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.data).toBeUndefined();
    expectTypeOf(missing.error).toEqualTypeOf<Problem | undefined>();
    expect(missing.error).toMatchObject({ status: 404, title: expect.any(String), code: expect.any(String) });

    const invalid = await anonymous.POST('/api/v1/auth/register', {
      body: { email: 'not-an-email', password: STRONG_PASSWORD, first_name: 'X' },
    });
    expect(invalid.response.status).toBe(422);
    expect(invalid.error?.code).toBe('VALIDATION_FAILED');
    expect(invalid.error?.errors?.map((e) => e.field)).toContain('body.email');
  });

  it('sends the guest cart token as X-Cart-Token', async () => {
    const started = await anonymous.POST('/api/v1/cart/token');
    expect(started.response.status).toBe(201);
    let cartToken: string | undefined = started.data!.cart_token;
    const guest = createCartwheelClient({ baseUrl, cartToken: () => cartToken });

    const cart = await guest.GET('/api/v1/cart');
    expect(cart.response.status).toBe(200);
    expect(cart.data?.id).toBe(started.data!.cart.id);

    cartToken = undefined;
    const noCart = await guest.GET('/api/v1/cart');
    expect(noCart.response.status).toBe(401);
    expect(noCart.error?.status).toBe(401);
  });
});

// Never called: `npm run typecheck` (tsc) must reject each line, or the unused @ts-expect-error fails it.
function _compileTimeChecks(api: CartwheelClient) {
  // @ts-expect-error not a route of the API
  void api.GET('/api/v1/no-such-route');
  // @ts-expect-error login needs a password
  void api.POST('/api/v1/auth/login', { body: { email: 'a@example.com' } });
  // @ts-expect-error the path parameter is `slug`
  void api.GET('/api/v1/products/slug/{slug}', { params: { path: { id: 'x' } } });
  // @ts-expect-error the category tree is read-only (no DELETE)
  void api.DELETE('/api/v1/categories');
  // @ts-expect-error a response field that does not exist
  void api.GET('/api/v1/auth/me').then((r) => r.data?.password_hash);
}
