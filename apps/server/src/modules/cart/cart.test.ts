import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture } from '../../test/commerce.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';
import { allocate, priceLines } from './pricing.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await commerceFixture(t);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const api = (method: Method, url: string, opts: { token?: string; cart?: string; body?: unknown } = {}) =>
  call(t.app, method, `/api/v1${url}`, {
    token: opts.token,
    body: opts.body,
    headers: opts.cart ? { 'x-cart-token': opts.cart } : {},
  });
const guest = async () => (await api('POST', '/cart/token')).body.cart_token as string;

describe('pricing function', () => {
  const fees = {
    feeCents: 299,
    freeThresholdCents: 3500,
    smallCartThresholdCents: 1000,
    smallCartFeeCents: 150,
  };

  it('spreads a discount exactly and taxes what is paid, per category', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    const r = priceLines({
      lines: [
        { key: 'a', unitPriceCents: 1000, quantity: 2, categoryId: 'food' },
        { key: 'b', unitPriceCents: 500, quantity: 1, categoryId: 'other' },
      ],
      coupon: { kind: 'percent', value: 10, maxDiscountCents: null },
      taxRules: [
        { categoryId: null, rateBp: 800 },
        { categoryId: 'food', rateBp: 0 },
      ],
      fees,
    });
    expect(r.totals.subtotal_cents).toBe(2500);
    expect(r.totals.discount_cents).toBe(250);
    // food is untaxed; "other" pays 8% of its discounted 450 = 36.
    expect(r.totals.tax_cents).toBe(36);
    // basket 2250 < 3500: delivery fee, no small-cart fee.
    expect(r.totals.delivery_fee_cents).toBe(299);
    expect(r.totals.total_cents).toBe(2250 + 36 + 299);
    expect(r.totals.amount_to_free_delivery_cents).toBe(1250);
  });

  it('adds the small-cart fee, frees delivery above the threshold, caps fixed coupons at the subtotal', () => {
    const small = priceLines({
      lines: [{ key: 'a', unitPriceCents: 300, quantity: 1, categoryId: 'c' }],
      coupon: null,
      taxRules: [],
      fees,
    });
    expect(small.totals.delivery_fee_cents).toBe(449);
    const big = priceLines({
      lines: [{ key: 'a', unitPriceCents: 4000, quantity: 1, categoryId: 'c' }],
      coupon: null,
      taxRules: [],
      fees,
    });
    expect(big.totals.delivery_fee_cents).toBe(0);
    const capped = priceLines({
      lines: [{ key: 'a', unitPriceCents: 300, quantity: 1, categoryId: 'c' }],
      coupon: { kind: 'fixed', value: 5000, maxDiscountCents: null },
      taxRules: [],
      fees,
    });
    expect(capped.totals.discount_cents).toBe(300);
    const empty = priceLines({ lines: [], coupon: null, taxRules: [], fees });
    expect(empty.totals.total_cents).toBe(0);
  });
});

describe('cart operations (CART-1, CART-2, CART-3)', () => {
  it('adds (merging quantities), sets, increments, decrements to removal, removes, clears, counts', async () => {
    const u = await f.shopper();
    const a = await f.product({ price: 250 });
    const b = await f.product({ price: 1000, sale: 800 });

    let res = await api('POST', '/cart/items', {
      token: u.token,
      body: { variant_id: a.variantId, quantity: 2 },
    });
    expect(res.status).toBe(200);
    res = await api('POST', '/cart/items', {
      token: u.token,
      body: { variant_id: a.variantId, quantity: 1 },
    });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].quantity).toBe(3);
    expect(res.body.items[0].line_subtotal_cents).toBe(750);

    res = await api('POST', '/cart/items', { token: u.token, body: { variant_id: b.variantId } });
    const lineB = res.body.items.find((i: { variant_id: string }) => i.variant_id === b.variantId);
    expect(lineB.unit_price_cents).toBe(800);
    expect(lineB.compare_at_price_cents).toBe(1000);
    expect(res.body.totals.subtotal_cents).toBe(750 + 800);

    const lineA = res.body.items.find((i: { variant_id: string }) => i.variant_id === a.variantId);
    res = await api('PATCH', `/cart/items/${lineA.id}`, { token: u.token, body: { quantity: 5 } });
    expect(res.body.items.find((i: { id: string }) => i.id === lineA.id).quantity).toBe(5);
    res = await api('POST', `/cart/items/${lineA.id}/increment`, { token: u.token });
    expect(res.body.items.find((i: { id: string }) => i.id === lineA.id).quantity).toBe(6);
    res = await api('PATCH', `/cart/items/${lineB.id}`, { token: u.token, body: { quantity: 1 } });
    res = await api('POST', `/cart/items/${lineB.id}/decrement`, { token: u.token });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([lineA.id]);

    res = await api('GET', '/cart/count', { token: u.token });
    expect(res.body).toEqual({ items: 1, quantity: 6 });
    res = await api('DELETE', `/cart/items/${lineA.id}`, { token: u.token });
    expect(res.body.items).toEqual([]);
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: a.variantId, quantity: 1 } });
    res = await api('DELETE', '/cart', { token: u.token });
    expect(res.body.items).toEqual([]);
    expect(res.body.totals.total_cents).toBe(0);
  });

  it('shows the store, ETA, tax and delivery fee for the chosen postal code', async () => {
    const u = await f.shopper();
    await call(t.app, 'POST', '/api/v1/admin/tax-rates', {
      token: f.staff,
      body: { country: 'US', name: 'Sales tax', rate_bp: 500 },
    });
    const p = await f.product({ price: 1000 });
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 2 } });
    const res = await api('PUT', '/cart/location', { token: u.token, body: { postal_code: f.postalCode } });
    expect(res.status).toBe(200);
    expect(res.body.store.id).toBe(f.store.id);
    expect(res.body.store.eta_minutes).toBe(10 + 1);
    expect(res.body.totals).toMatchObject({
      subtotal_cents: 2000,
      tax_cents: 100,
      delivery_fee_cents: 299,
      total_cents: 2399,
    });
    const out = await api('PUT', '/cart/location', { token: u.token, body: { postal_code: '00001' } });
    expect(out.status).toBe(404);
    expect(out.body.code).toBe('NOT_SERVICEABLE');
  });

  it('refuses more than the store has (409 with what is available) and unknown or inactive variants', async () => {
    const u = await f.shopper();
    await api('PUT', '/cart/location', { token: u.token, body: { postal_code: f.postalCode } });
    const p = await f.product({ stock: 3 });
    let res = await api('POST', '/cart/items', {
      token: u.token,
      body: { variant_id: p.variantId, quantity: 4 },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INSUFFICIENT_STOCK');
    expect(res.body.errors[0].message).toContain('available 3');

    res = await api('POST', '/cart/items', {
      token: u.token,
      body: { variant_id: randomUUID(), quantity: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VARIANT_NOT_FOUND');

    const draft = await f.product();
    await call(t.app, 'PATCH', `/api/v1/admin/products/${draft.productId}`, {
      token: f.staff,
      body: { status: 'archived' },
    });
    res = await api('POST', '/cart/items', {
      token: u.token,
      body: { variant_id: draft.variantId, quantity: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_PURCHASABLE');
    expect((await api('GET', '/cart', { token: u.token })).body.items).toEqual([]);
  });

  it('rejects bad quantities and bodies with a 4xx naming the field, changing nothing', async () => {
    const u = await f.shopper();
    const p = await f.product();
    for (const quantity of [0, -1, 1e9, 1.5, '2', null]) {
      const res = await api('POST', '/cart/items', {
        token: u.token,
        body: { variant_id: p.variantId, quantity },
      });
      expect(res.status, `quantity ${String(quantity)}`).toBe(422);
      expect(res.body.errors[0].field).toContain('quantity');
    }
    expect((await api('POST', '/cart/items', { token: u.token, body: { variant_id: 'nope' } })).status).toBe(
      422,
    );
    expect(
      (
        await api('POST', '/cart/items', {
          token: u.token,
          body: { variant_id: p.variantId, price_cents: 1 },
        })
      ).status,
    ).toBe(422);
    const malformed = await call(t.app, 'POST', '/api/v1/cart/items', {
      token: u.token,
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    // Over the per-line maximum through repeated adds.
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 99 } });
    const over = await api('POST', '/cart/items', {
      token: u.token,
      body: { variant_id: p.variantId, quantity: 1 },
    });
    expect(over.status).toBe(422);
    expect((await api('GET', '/cart', { token: u.token })).body.items[0].quantity).toBe(99);
  });

  it("cannot touch another user's cart items (404) and needs a token or sign-in", async () => {
    const owner = await f.shopper();
    const other = await f.shopper();
    const p = await f.product();
    const res = await api('POST', '/cart/items', { token: owner.token, body: { variant_id: p.variantId } });
    const itemId = res.body.items[0].id;
    expect(
      (await api('PATCH', `/cart/items/${itemId}`, { token: other.token, body: { quantity: 5 } })).status,
    ).toBe(404);
    expect((await api('DELETE', `/cart/items/${itemId}`, { token: other.token })).status).toBe(404);
    expect((await api('POST', `/cart/items/${itemId}/increment`, { token: other.token })).status).toBe(404);
    expect((await api('GET', '/cart', { token: owner.token })).body.items[0].quantity).toBe(1);
    expect((await api('GET', '/cart')).status).toBe(401);
    expect((await api('GET', '/cart', { cart: 'A'.repeat(43) })).status).toBe(404);
    expect((await api('GET', '/cart', { cart: 'short' })).status).toBe(422);
  });

  it('warns about lines that went out of stock or off sale, and leaves them out of the totals', async () => {
    const u = await f.shopper();
    await api('PUT', '/cart/location', { token: u.token, body: { postal_code: f.postalCode } });
    const p = await f.product({ stock: 5, price: 100 });
    const gone = await f.product({ price: 700 });
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 5 } });
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: gone.variantId, quantity: 1 } });
    await call(t.app, 'POST', '/api/v1/admin/inventory/adjust', {
      token: f.staff,
      body: { warehouse_id: f.store.id, variant_id: p.variantId, set: 2, reason: 'breakage' },
    });
    await call(t.app, 'PATCH', `/api/v1/admin/products/${gone.productId}`, {
      token: f.staff,
      body: { status: 'archived' },
    });
    const res = await api('GET', '/cart', { token: u.token });
    const byVariant = Object.fromEntries(
      res.body.items.map((i: { variant_id: string }) => [i.variant_id, i]),
    );
    expect(byVariant[p.variantId].warning.code).toBe('INSUFFICIENT_STOCK');
    expect(byVariant[p.variantId].available).toBe(2);
    expect(byVariant[gone.variantId].warning.code).toBe('UNAVAILABLE');
    expect(res.body.totals.subtotal_cents).toBe(500);
  });
});

describe('guest carts (CART-4)', () => {
  it('merges a guest cart into the user cart at sign-in: quantities summed and capped by stock', async () => {
    const u = await f.shopper();
    await api('PUT', '/cart/location', { token: u.token, body: { postal_code: f.postalCode } });
    const p = await f.product({ stock: 5 });
    const q = await f.product();
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 3 } });

    const token = await guest();
    await api('POST', '/cart/items', { cart: token, body: { variant_id: p.variantId, quantity: 4 } });
    await api('POST', '/cart/items', { cart: token, body: { variant_id: q.variantId, quantity: 2 } });
    expect((await api('GET', '/cart', { cart: token })).body.quantity).toBe(6);

    const merged = await api('GET', '/cart', { token: u.token, cart: token });
    expect(merged.status).toBe(200);
    const qty = Object.fromEntries(
      merged.body.items.map((i: { variant_id: string; quantity: number }) => [i.variant_id, i.quantity]),
    );
    expect(qty).toEqual({ [p.variantId]: 5, [q.variantId]: 2 });
    // The guest cart is gone; sending its token again changes nothing.
    expect((await api('GET', '/cart', { cart: token })).status).toBe(404);
    expect((await api('GET', '/cart', { token: u.token, cart: token })).body.quantity).toBe(7);
  });
});

describe('coupons (CART-5)', () => {
  const coupon = async (body: Record<string, unknown>) => {
    const res = await call(t.app, 'POST', '/api/v1/admin/coupons', {
      token: f.staff,
      body: { code: `C${randomUUID().slice(0, 8)}`, kind: 'percent', value: 10, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; code: string };
  };

  it('applies percent and fixed coupons with min order, max discount, and reports each failing limit', async () => {
    const u = await f.shopper();
    const p = await f.product({ price: 2000 });
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 1 } });

    const pct = await coupon({ value: 50, max_discount_cents: 700 });
    let res = await api('POST', '/cart/coupon', { token: u.token, body: { code: pct.code.toLowerCase() } });
    expect(res.status).toBe(200);
    expect(res.body.totals.discount_cents).toBe(700);
    expect(res.body.coupon.code).toBe(pct.code);

    const cases: [Record<string, unknown>, string][] = [
      [{ expires_at: new Date(Date.now() - 60_000).toISOString() }, 'COUPON_EXPIRED'],
      [{ starts_at: new Date(Date.now() + 86_400_000).toISOString() }, 'COUPON_NOT_STARTED'],
      [{ min_subtotal_cents: 5000 }, 'COUPON_MINIMUM_NOT_MET'],
      [{ is_active: false }, 'COUPON_INACTIVE'],
    ];
    for (const [body, code] of cases) {
      const c = await coupon(body);
      res = await api('POST', '/cart/coupon', { token: u.token, body: { code: c.code } });
      expect(res.status, code).toBe(422);
      expect(res.body.code).toBe(code);
    }
    res = await api('POST', '/cart/coupon', { token: u.token, body: { code: 'NOSUCHCODE' } });
    expect(res.body.code).toBe('COUPON_NOT_FOUND');
    // The earlier coupon stays applied after the failed attempts.
    expect((await api('GET', '/cart', { token: u.token })).body.coupon.code).toBe(pct.code);

    const fixed = await coupon({ kind: 'fixed', value: 300 });
    res = await api('POST', '/cart/coupon', { token: u.token, body: { code: fixed.code } });
    expect(res.body.totals.discount_cents).toBe(300);
    res = await api('DELETE', '/cart/coupon', { token: u.token });
    expect(res.body.coupon).toBeNull();
    expect(res.body.totals.discount_cents).toBe(0);
  });

  it('keeps a coupon that stopped applying visible with its problem and no discount', async () => {
    const u = await f.shopper();
    const p = await f.product({ price: 1000 });
    const line = (
      await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 3 } })
    ).body.items[0];
    const c = await coupon({ min_subtotal_cents: 2500 });
    expect((await api('POST', '/cart/coupon', { token: u.token, body: { code: c.code } })).status).toBe(200);
    const res = await api('PATCH', `/cart/items/${line.id}`, { token: u.token, body: { quantity: 1 } });
    expect(res.body.coupon.problem).toMatch(/at least 2500/);
    expect(res.body.totals.discount_cents).toBe(0);
  });

  it('admin CRUD validates input, refuses duplicates and is staff-only', async () => {
    const c = await coupon({ code: 'SPRING-SALE' });
    expect(
      (
        await call(t.app, 'POST', '/api/v1/admin/coupons', {
          token: f.staff,
          body: { code: 'spring-sale', kind: 'fixed', value: 1 },
        })
      ).status,
    ).toBe(409);
    const bad = await call(t.app, 'POST', '/api/v1/admin/coupons', {
      token: f.staff,
      body: { code: 'X1X', kind: 'percent', value: 150 },
    });
    expect(bad.status).toBe(422);
    const dates = await call(t.app, 'POST', '/api/v1/admin/coupons', {
      token: f.staff,
      body: {
        code: 'DATES',
        kind: 'fixed',
        value: 5,
        starts_at: '2030-01-02T00:00:00Z',
        expires_at: '2030-01-01T00:00:00Z',
      },
    });
    expect(dates.status).toBe(422);
    const patched = await call(t.app, 'PATCH', `/api/v1/admin/coupons/${c.id}`, {
      token: f.staff,
      body: { value: 15 },
    });
    expect(patched.body.value).toBe(15);
    const list = await call(t.app, 'GET', '/api/v1/admin/coupons?q=spring', { token: f.staff });
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const customer = (await signedIn(t)).token;
    expect((await call(t.app, 'GET', '/api/v1/admin/coupons', { token: customer })).status).toBe(403);
    const del = await call(t.app, 'DELETE', `/api/v1/admin/coupons/${c.id}`, { token: f.staff });
    expect(del.body).toMatchObject({ deleted: true });
    expect((await call(t.app, 'GET', `/api/v1/admin/coupons/${c.id}`, { token: f.staff })).status).toBe(404);
  });
});

describe('live cart (CART-6)', () => {
  it('pushes a change made in one session to another open stream', async () => {
    const u = await f.shopper();
    const p = await f.product();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/cart/events?access_token=${u.token}`, {
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextCart = async () => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (/^event: cart$/m.test(frame) && data) return JSON.parse(data);
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect((await nextCart()).items).toEqual([]);
    // Another "device": the same user through the API.
    await api('POST', '/cart/items', { token: u.token, body: { variant_id: p.variantId, quantity: 2 } });
    const pushed = await nextCart();
    expect(pushed.items[0].variant_id).toBe(p.variantId);
    expect(pushed.quantity).toBe(2);
    controller.abort();

    const anon = await fetch(`http://127.0.0.1:${port}/api/v1/cart/events`);
    expect(anon.status).toBe(401);
    const forged = await fetch(`http://127.0.0.1:${port}/api/v1/cart/events?access_token=forged`);
    expect(forged.status).toBe(401);
  });
});

describe('abandoned guest carts', () => {
  it('purges guest carts untouched for 30 days and keeps users’ carts', async () => {
    const old = await guest();
    const fresh = await guest();
    const u = await f.shopper();
    await api('GET', '/cart', { token: u.token });
    await t.database.pool.query(
      `update carts set updated_at = now() - interval '31 days' where guest_token_hash is not null and id = (select id from carts where guest_token_hash is not null order by created_at desc offset 1 limit 1)`,
    );
    await t.database.pool.query(
      `update carts set updated_at = now() - interval '90 days' where user_id = $1`,
      [u.id],
    );
    expect(await t.app.services.cart.purgeGuestCarts(30)).toBe(1);
    expect((await api('GET', '/cart', { cart: old })).status).toBe(404);
    expect((await api('GET', '/cart', { cart: fresh })).status).toBe(200);
    expect((await api('GET', '/cart', { token: u.token })).status).toBe(200);
  });
});
