import { randomUUID } from 'node:crypto';
import {
  call,
  login,
  registerUser,
  signedIn,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestApp,
} from './harness.js';

/**
 * Fixtures for the cart/checkout/orders tests, built through the real admin and shopper APIs:
 * a dark store serving a postal code, products with stock in it, shoppers with an address there.
 */
export type Shopper = { id: string; email: string; token: string; addressId: string };

let seq = 0;
const api = (
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  token?: string,
  body?: unknown,
) => call(t.app, method, `/api/v1${url}`, { token, body });

function must<T extends { status: number; body: unknown }>(res: T, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function commerceFixture(t: TestApp) {
  const staff = (await signedIn(t, 'staff')).token;
  const postalCode = String(10000 + Math.floor(Math.random() * 89999));
  const store = must(
    await api(t, 'POST', '/admin/warehouses', staff, {
      code: `DS-${randomUUID().slice(0, 8)}`,
      name: 'Test dark store',
      address: { line1: '1 Depot Rd', city: 'Springfield', postal_code: postalCode, country: 'US' },
      service_postal_codes: [postalCode],
      base_eta_minutes: 10,
      pick_minutes_per_item: 0.5,
    }),
    201,
    'create warehouse',
  ).body as { id: string };
  const category = must(
    await api(t, 'POST', '/admin/categories', staff, { name: `Groceries ${seq++}` }),
    201,
    'category',
  ).body as { id: string };

  /** An active product with `stock` units in the store; returns its default variant id. */
  async function product(
    opts: { price?: number; sale?: number | null; stock?: number; name?: string; categoryId?: string } = {},
  ) {
    const res = must(
      await api(t, 'POST', '/admin/products', staff, {
        name: opts.name ?? `Product ${seq++} ${randomUUID().slice(0, 6)}`,
        sku: `SKU-${randomUUID().slice(0, 12)}`.toUpperCase(),
        category_id: opts.categoryId ?? category.id,
        price_cents: opts.price ?? 500,
        ...(opts.sale ? { sale_price_cents: opts.sale } : {}),
        status: 'active',
      }),
      201,
      'create product',
    );
    const variantId = res.body.variants[0].id as string;
    if (opts.stock !== 0)
      must(
        await api(t, 'POST', '/admin/inventory/restock', staff, {
          warehouse_id: store.id,
          variant_id: variantId,
          quantity: opts.stock ?? 100,
        }),
        200,
        'restock',
      );
    return { productId: res.body.id as string, variantId, slug: res.body.slug as string };
  }

  async function addressFor(token: string, postal = postalCode) {
    return must(
      await api(t, 'POST', '/auth/me/addresses', token, {
        full_name: 'Sam Shopper',
        phone: '+14155550100',
        line1: '10 Market St',
        city: 'Springfield',
        postal_code: postal,
        country: 'US',
        is_default_shipping: true,
        is_default_billing: true,
      }),
      201,
      'address',
    ).body.id as string;
  }

  async function shopper(): Promise<Shopper> {
    const user = await signedIn(t);
    return { id: user.id, email: user.email, token: user.token, addressId: await addressFor(user.token) };
  }

  /**
   * Many shoppers quickly: one registration, then the same password hash copied to the others
   * (hashing is deliberately slow), each logged in for a real session.
   */
  async function shoppers(n: number): Promise<Shopper[]> {
    const first = await registerUser(t);
    const emails = Array.from({ length: n }, () => uniqueEmail('crowd'));
    await t.database.pool.query(
      `insert into users (email, password_hash, first_name, email_verified_at)
       select e, (select password_hash from users where id = $1), 'Crowd', now() from unnest($2::text[]) e`,
      [first.id, emails],
    );
    const out: Shopper[] = [];
    for (let i = 0; i < emails.length; i += 20)
      out.push(
        ...(await Promise.all(
          emails.slice(i, i + 20).map(async (email) => {
            const tokens = await login(t, email, STRONG_PASSWORD);
            return {
              id: tokens.user.id,
              email,
              token: tokens.access_token,
              addressId: await addressFor(tokens.access_token),
            };
          }),
        )),
      );
    return out;
  }

  return { staff, store, category, postalCode, product, shopper, shoppers, addressFor };
}

/** Stock row of a variant in a store, straight from the table. */
export async function stockOf(t: TestApp, warehouseId: string, variantId: string) {
  const { rows } = await t.database.pool.query(
    'select on_hand, reserved, committed from stock_levels where warehouse_id = $1 and variant_id = $2',
    [warehouseId, variantId],
  );
  return rows[0] as { on_hand: number; reserved: number; committed: number };
}

/** Σ(after − before) of the ledger equals the row, for every stock row (INV-4). */
export async function ledgerMismatches(t: TestApp) {
  const { rows } = await t.database.pool.query(`
    select s.warehouse_id, s.variant_id, s.on_hand, s.reserved,
           coalesce(sum(m.on_hand_after - m.on_hand_before), 0)::int as ledger_on_hand,
           coalesce(sum(m.reserved_after - m.reserved_before), 0)::int as ledger_reserved
    from stock_levels s
    left join stock_movements m on m.warehouse_id = s.warehouse_id and m.variant_id = s.variant_id
    group by 1, 2, 3, 4
    having s.on_hand <> coalesce(sum(m.on_hand_after - m.on_hand_before), 0)
        or s.reserved <> coalesce(sum(m.reserved_after - m.reserved_before), 0)`);
  return rows;
}
