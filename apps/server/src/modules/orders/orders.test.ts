import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture, ledgerMismatches, stockOf, type Shopper } from '../../test/commerce.js';
import { call, createTestApp, lastMail, signedIn, type TestApp } from '../../test/harness.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await commerceFixture(t);
});
afterAll(async () => t?.close());

const CARD = {
  number: '4242 4242 4242 4242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};
const card = (number: string) => ({ ...CARD, number });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const api = (
  method: Method,
  url: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => call(t.app, method, `/api/v1${url}`, { token, body, headers });

const checkout = (u: Shopper, body: Record<string, unknown> = {}, key: string = randomUUID()) =>
  api(
    'POST',
    '/orders/checkout',
    u.token,
    { payment_method: 'sandbox', card: CARD, ...body },
    { 'idempotency-key': key },
  );

async function fill(u: Shopper, variantId: string, quantity = 1) {
  const res = await api('POST', '/cart/items', u.token, { variant_id: variantId, quantity });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body;
}

const count = async (sqlText: string, params: unknown[] = []) =>
  Number((await t.database.pool.query(sqlText, params)).rows[0].n);

describe('checkout (ORD-1, ORD-2)', () => {
  it('turns the cart into a confirmed, paid order that matches the cart preview exactly', async () => {
    await api('POST', '/admin/tax-rates', f.staff, { country: 'US', name: 'Sales tax', rate_bp: 725 });
    const coupon = await api('POST', '/admin/coupons', f.staff, {
      code: `SAVE${Date.now()}`,
      kind: 'percent',
      value: 10,
    });
    const u = await f.shopper();
    const a = await f.product({ price: 1299, stock: 10 });
    const b = await f.product({ price: 450, sale: 399, stock: 10 });
    await fill(u, a.variantId, 2);
    await fill(u, b.variantId, 3);
    await api('PUT', '/cart/location', u.token, { postal_code: f.postalCode });
    const preview = (await api('POST', '/cart/coupon', u.token, { code: coupon.body.code })).body;

    const res = await checkout(u, { note: 'Ring the bell' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = res.body;
    expect(order.number).toMatch(/^CW-\d{6,}$/);
    expect(order.status).toBe('confirmed');
    expect(order.totals).toEqual({
      subtotal_cents: preview.totals.subtotal_cents,
      discount_cents: preview.totals.discount_cents,
      tax_cents: preview.totals.tax_cents,
      delivery_fee_cents: preview.totals.delivery_fee_cents,
      total_cents: preview.totals.total_cents,
    });
    expect(order.totals.subtotal_cents).toBe(2 * 1299 + 3 * 399);
    expect(
      order.items
        .map((i: { sku: string; unit_price_cents: number }) => i.unit_price_cents)
        .sort((x: number, y: number) => x - y),
    ).toEqual([399, 1299]);
    expect(order.shipping_address).toMatchObject({ line1: '10 Market St', postal_code: f.postalCode });
    expect(order.payment).toMatchObject({
      status: 'completed',
      method: 'sandbox',
      amount_cents: order.totals.total_cents,
    });
    expect(order.payment.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(order.timeline.map((e: { to: string }) => e.to)).toEqual(['pending_payment', 'confirmed']);
    expect(order.note).toBe('Ring the bell');

    // Stock left the shelf; the cart is empty; the confirmation email and processing job exist.
    expect(await stockOf(t, f.store.id, a.variantId)).toEqual({ on_hand: 8, reserved: 0, committed: 2 });
    expect((await api('GET', '/cart', u.token)).body.items).toEqual([]);
    expect((await lastMail(t, u.email, 'order_confirmed'))?.subject).toContain(order.number);
    expect(
      await count(`select count(*) n from jobs where type = 'orders__process' and entity_id = $1`, [
        order.id,
      ]),
    ).toBe(1);

    // History stays right after the catalog changes (ORD-2).
    await api('PATCH', `/admin/products/${a.productId}`, f.staff, { price_cents: 9999, name: 'Renamed' });
    const again = await api('GET', `/orders/${order.id}`, u.token);
    const line = again.body.items.find((i: { variant_id: string }) => i.variant_id === a.variantId);
    expect(line.unit_price_cents).toBe(1299);
    expect(line.name).not.toBe('Renamed');
    expect((await api('GET', `/orders/by-number/${order.number}`, u.token)).body.id).toBe(order.id);
    const mine = await api('GET', '/orders', u.token);
    expect(mine.body.items[0]).toMatchObject({ id: order.id, item_count: 2, units: 5 });
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('cash on delivery confirms at once and the payment completes at delivery', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 5 });
    await fill(u, p.variantId, 1);
    const res = await checkout(u, { payment_method: 'cod', card: undefined });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('confirmed');
    expect(res.body.payment.status).toBe('pending');
    for (const status of ['packed', 'out_for_delivery', 'delivered'])
      expect((await api('POST', `/admin/orders/${res.body.id}/status`, f.staff, { status })).status).toBe(
        200,
      );
    const done = await api('GET', `/orders/${res.body.id}`, u.token);
    expect(done.body.status).toBe('delivered');
    expect(done.body.payment.status).toBe('completed');
  });
});

describe('idempotency (ORD-1)', () => {
  it('returns the same order for the same key and body, 422 for a different body, 400 without a key', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 5 });
    await fill(u, p.variantId, 2);
    const key = randomUUID();
    const first = await checkout(u, {}, key);
    expect(first.status).toBe(201);
    const replay = await checkout(u, {}, key);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const changed = await checkout(u, { note: 'different' }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const none = await api('POST', '/orders/checkout', u.token, { payment_method: 'sandbox', card: CARD });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await count('select count(*) n from orders where user_id = $1', [u.id])).toBe(1);
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ on_hand: 3, reserved: 0 });
  });

  it('20 concurrent retries with one key make one order', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 50 });
    await fill(u, p.variantId, 3);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => checkout(u, {}, key)));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count('select count(*) n from orders where user_id = $1', [u.id])).toBe(1);
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ on_hand: 47, reserved: 0 });
  });
});

describe('concurrency and failure', () => {
  it('flash sale: 200 concurrent checkouts for 50 units → exactly 50 orders, 150 clean 409s', async () => {
    const p = await f.product({ stock: 50, price: 199 });
    const crowd = await f.shoppers(200);
    for (const u of crowd) await fill(u, p.variantId, 1);
    const results = await Promise.all(crowd.map((u) => checkout(u)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'INSUFFICIENT_STOCK')).toBe(
      true,
    );
    expect(await stockOf(t, f.store.id, p.variantId)).toEqual({ on_hand: 0, reserved: 0, committed: 50 });
    expect(await count(`select count(*) n from order_items where variant_id = $1`, [p.variantId])).toBe(50);
    expect(await ledgerMismatches(t)).toEqual([]);
    // The losers keep their carts (nothing of theirs was written).
    const loser = crowd[statuses.indexOf(409)]!;
    expect((await api('GET', '/cart', loser.token)).body.quantity).toBe(1);
  }, 120_000);

  it('checkouts taking the same variants in opposite order all complete (no deadlock)', async () => {
    const a = await f.product({ stock: 100 });
    const b = await f.product({ stock: 100 });
    const crowd = await f.shoppers(20);
    for (const [i, u] of crowd.entries()) {
      const [first, second] = i % 2 ? [a, b] : [b, a];
      await fill(u, first.variantId, 1);
      await fill(u, second.variantId, 2);
    }
    const results = await Promise.all(crowd.map((u) => checkout(u)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const p of [a, b])
      expect(await stockOf(t, f.store.id, p.variantId)).toEqual({ on_hand: 70, reserved: 0, committed: 30 });
    expect(await ledgerMismatches(t)).toEqual([]);
  }, 60_000);

  it('answers a checkout with the order exactly as it reads back', async () => {
    const u = await f.shopper();
    for (const price of [300, 150, 999]) await fill(u, (await f.product({ price })).variantId, 2);
    const placed = await checkout(u, { note: 'Leave at the door' });
    expect(placed.status).toBe(201);
    expect(placed.body.timeline.map((e: { to: string }) => e.to)).toEqual(['pending_payment', 'confirmed']);
    expect((await api('GET', `/orders/${placed.body.id}`, u.token)).body).toEqual(placed.body);
  });

  it('a provider crash after reserving leaves nothing behind', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 5 });
    await fill(u, p.variantId, 2);
    const jobsBefore = await count('select count(*) n from jobs');
    const res = await checkout(u, { card: card('4000000000000119') });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect(await count('select count(*) n from orders where user_id = $1', [u.id])).toBe(0);
    expect(await count('select count(*) n from payments where user_id = $1', [u.id])).toBe(0);
    expect(await stockOf(t, f.store.id, p.variantId)).toEqual({ on_hand: 5, reserved: 0, committed: 0 });
    expect(
      await count(`select count(*) n from stock_movements where variant_id = $1 and type = 'reservation'`, [
        p.variantId,
      ]),
    ).toBe(0);
    expect(await count('select count(*) n from jobs')).toBe(jobsBefore);
    expect((await api('GET', '/cart', u.token)).body.quantity).toBe(2);
    // The same key may be retried after a failure: nothing was stored under it.
    expect(await count('select count(*) n from idempotency_keys where owner_id = $1', [u.id])).toBe(0);
  });

  it('a declined card is a 402 and changes nothing', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 5 });
    await fill(u, p.variantId, 1);
    for (const [number, reason] of [
      ['4000000000000002', 'card_declined'],
      ['4000000000009995', 'insufficient_funds'],
    ]) {
      const res = await checkout(u, { card: card(number!) });
      expect(res.status).toBe(402);
      expect(res.body.errors[0].message).toBe(reason);
    }
    expect(await count('select count(*) n from orders where user_id = $1', [u.id])).toBe(0);
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ on_hand: 5, reserved: 0 });
  });

  it('a card needing authentication waits in pending_payment until confirmed', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 5 });
    await fill(u, p.variantId, 2);
    const res = await checkout(u, { card: card('4000002500003155') });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_payment');
    expect(res.body.payment.next_action.type).toBe('authenticate');
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ on_hand: 5, reserved: 2 });
    const other = await f.shopper();
    expect((await api('POST', `/payments/${res.body.payment.id}/confirm`, other.token)).status).toBe(404);
    const confirmed = await api('POST', `/payments/${res.body.payment.id}/confirm`, u.token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('completed');
    expect((await api('GET', `/orders/${res.body.id}`, u.token)).body.status).toBe('confirmed');
    expect(await stockOf(t, f.store.id, p.variantId)).toEqual({ on_hand: 3, reserved: 0, committed: 2 });
  });

  it('cancel racing payment confirmation ends in one consistent state', async () => {
    for (let round = 0; round < 6; round++) {
      const u = await f.shopper();
      const p = await f.product({ stock: 4 });
      await fill(u, p.variantId, 3);
      const placed = await checkout(u, { card: card('4000002500003155') });
      const [confirm, cancel] = await Promise.all([
        api('POST', `/payments/${placed.body.payment.id}/confirm`, u.token),
        api('POST', `/orders/${placed.body.id}/cancel`, u.token, { reason: 'changed my mind' }),
      ]);
      const order = (await api('GET', `/orders/${placed.body.id}`, u.token)).body;
      const stock = await stockOf(t, f.store.id, p.variantId);
      expect(cancel.status).toBe(200);
      expect(order.status).toBe('cancelled');
      expect(stock).toEqual({ on_hand: 4, reserved: 0, committed: 0 });
      if (confirm.status === 200) {
        // Confirmation won: the money was taken, then refunded by the cancel.
        expect(order.payment.status).toBe('refunded');
        expect(order.refunded_cents).toBe(order.totals.total_cents);
      } else {
        expect(confirm.status).toBe(409);
        expect(order.payment.status).toBe('cancelled');
        expect(order.refunded_cents).toBe(0);
      }
    }
    expect(await ledgerMismatches(t)).toEqual([]);
  });
});

describe('cancel, expiry and access (ORD-4, ORD-5, ORD-6)', () => {
  it('cancels with a reason before dispatch: stock back, refund, email; not after', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 6 });
    await fill(u, p.variantId, 2);
    const order = (await checkout(u)).body;
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ on_hand: 4 });
    expect((await api('POST', `/orders/${order.id}/cancel`, u.token, {})).status).toBe(422);
    const res = await api('POST', `/orders/${order.id}/cancel`, u.token, { reason: 'Ordered by mistake' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Ordered by mistake',
      refunded_cents: order.totals.total_cents,
    });
    expect(res.body.payment.status).toBe('refunded');
    expect(await stockOf(t, f.store.id, p.variantId)).toEqual({ on_hand: 6, reserved: 0, committed: 0 });
    expect((await lastMail(t, u.email, 'order_cancelled'))?.text).toContain('refunded');
    expect((await api('POST', `/orders/${order.id}/cancel`, u.token, { reason: 'again' })).status).toBe(409);

    await fill(u, p.variantId, 1);
    const shipped = (await checkout(u)).body;
    await api('POST', `/admin/orders/${shipped.id}/status`, f.staff, { status: 'packed' });
    await api('POST', `/admin/orders/${shipped.id}/status`, f.staff, { status: 'out_for_delivery' });
    const late = await api('POST', `/orders/${shipped.id}/cancel`, u.token, { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ORDER_NOT_CANCELLABLE');
  });

  it('expires unpaid orders after the deadline, releasing stock (job)', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 3 });
    await fill(u, p.variantId, 3);
    const order = (await checkout(u, { card: card('4000002500003155') })).body;
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ reserved: 3 });
    expect(await t.app.services.orders.expireUnpaid()).toBe(0);
    await t.database.pool.query(
      `update orders set payment_due_at = now() - interval '1 minute' where id = $1`,
      [order.id],
    );
    expect(await t.app.services.orders.expireUnpaid()).toBe(1);
    const after = (await api('GET', `/orders/${order.id}`, u.token)).body;
    expect(after.status).toBe('cancelled');
    expect(after.payment.status).toBe('cancelled');
    expect(await stockOf(t, f.store.id, p.variantId)).toEqual({ on_hand: 3, reserved: 0, committed: 0 });
  });

  it("hides other users' orders (404) and shows them to staff", async () => {
    const u = await f.shopper();
    const other = await f.shopper();
    const p = await f.product();
    await fill(u, p.variantId);
    const order = (await checkout(u)).body;
    expect((await api('GET', `/orders/${order.id}`, other.token)).status).toBe(404);
    expect((await api('GET', `/orders/by-number/${order.number}`, other.token)).status).toBe(404);
    expect((await api('POST', `/orders/${order.id}/cancel`, other.token, { reason: 'x' })).status).toBe(404);
    expect((await api('GET', `/payments/${order.payment.id}`, other.token)).status).toBe(404);
    expect((await api('GET', `/payments/order/${order.id}`, other.token)).status).toBe(404);
    expect((await api('GET', `/orders/${randomUUID()}`, u.token)).status).toBe(404);
    expect((await api('GET', '/orders/not-a-uuid', u.token)).status).toBe(422);
    expect((await api('GET', `/orders/${order.id}`)).status).toBe(401);
    expect((await api('GET', `/orders/${order.id}`, f.staff)).status).toBe(200);
    expect((await api('GET', `/orders/${order.id}`, other.token)).body.code).toBe('NOT_FOUND');
  });
});

describe('bad input changes nothing', () => {
  it('answers each bad checkout with a clear 4xx', async () => {
    const u = await f.shopper();
    const p = await f.product({ stock: 5 });
    expect((await checkout(u)).body.code).toBe('CART_EMPTY');
    await fill(u, p.variantId, 1);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ total_cents: 1 }, 422, 'VALIDATION_FAILED'],
      [{ card: undefined }, 422, 'CARD_REQUIRED'],
      [{ payment_method: 'bitcoin' }, 422, 'PAYMENT_METHOD_UNAVAILABLE'],
      [{ card: card('4242424242424241') }, 422, 'INVALID_CARD'],
      [{ card: { ...CARD, exp_year: new Date().getUTCFullYear() - 1, exp_month: 1 } }, 422, 'INVALID_CARD'],
      [{ card: { ...CARD, cvc: '12' } }, 422, 'VALIDATION_FAILED'],
      [{ shipping_address_id: randomUUID() }, 422, 'ADDRESS_NOT_FOUND'],
      [{ payment_method: 'cod' }, 422, 'CARD_NOT_ACCEPTED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await checkout(u, body);
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.code).toBe(code);
    }
    // Another user's address is somebody else's: not found.
    const other = await f.shopper();
    expect((await checkout(u, { shipping_address_id: other.addressId })).body.code).toBe('ADDRESS_NOT_FOUND');
    // Outside every service area.
    const far = await f.addressFor(u.token, '99999');
    const outside = await checkout(u, { shipping_address_id: far });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('NOT_SERVICEABLE');
    expect(outside.body.detail).toContain("don't deliver");

    expect(await count('select count(*) n from orders where user_id = $1', [u.id])).toBe(0);
    expect(await stockOf(t, f.store.id, p.variantId)).toMatchObject({ on_hand: 5, reserved: 0 });
    expect((await api('GET', '/cart', u.token)).body.quantity).toBe(1);
  });

  it('refuses a coupon whose last use another order just took', async () => {
    const code = `LAST${Date.now()}`;
    await api('POST', '/admin/coupons', f.staff, { code, kind: 'fixed', value: 100, usage_limit: 1 });
    const p = await f.product({ stock: 10 });
    const [a, b] = [await f.shopper(), await f.shopper()];
    for (const u of [a, b]) {
      await fill(u, p.variantId, 1);
      expect((await api('POST', '/cart/coupon', u.token, { code })).status).toBe(200);
    }
    const results = await Promise.all([checkout(a), checkout(b)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)!.body.code).toBe('COUPON_USAGE_LIMIT');
    const winner = results.find((r) => r.status === 201)!.body;
    expect(winner.totals.discount_cents).toBe(100);
    // Cancelling gives the use back.
    const owner = winner.user_id === a.id ? a : b;
    await api('POST', `/orders/${winner.id}/cancel`, owner.token, { reason: 'test' });
    const loser = owner === a ? b : a;
    expect((await checkout(loser)).status).toBe(201);
  });
});

describe('staff (ORD-7) and notifications (ORD-8)', () => {
  it('lists, searches, moves along the workflow, notes and fulfils', async () => {
    const u = await f.shopper();
    const p = await f.product();
    await fill(u, p.variantId);
    const order = (await checkout(u)).body;
    const list = await api('GET', `/admin/orders?status=confirmed&q=${order.number}`, f.staff);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await api('GET', '/admin/orders', u.token)).status).toBe(403);

    const bad = await api('POST', `/admin/orders/${order.id}/status`, f.staff, { status: 'delivered' });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('INVALID_TRANSITION');
    expect(
      (await api('POST', `/admin/orders/${order.id}/status`, f.staff, { status: 'refunded' })).body.code,
    ).toBe('USE_REFUNDS');
    expect(
      (await api('POST', `/admin/orders/${order.id}/status`, f.staff, { status: 'shipped' })).status,
    ).toBe(422);

    const packed = await api('POST', `/admin/orders/${order.id}/status`, f.staff, {
      status: 'packed',
      note: 'bag 3',
    });
    expect(packed.body.status).toBe('packed');
    expect((await lastMail(t, u.email, 'order_packed'))?.subject).toContain(order.number);
    const rider = await signedIn(t, 'rider');
    const fulfilled = await api('POST', `/admin/orders/${order.id}/fulfil`, f.staff, {
      rider_id: rider.id,
      tracking_number: 'TRK-1',
    });
    expect(fulfilled.body).toMatchObject({ rider_id: rider.id, tracking_number: 'TRK-1' });
    // One rider for order and delivery: the delivery records the assignment, and refuses non-riders.
    expect((await api('GET', `/orders/${order.id}/track`, u.token)).body.rider.id).toBe(rider.id);
    const notRider = await api('POST', `/admin/orders/${order.id}/fulfil`, f.staff, { rider_id: u.id });
    expect(notRider.status).toBe(422);
    expect(notRider.body.code).toBe('NOT_A_RIDER');
    expect((await api('GET', `/admin/orders/${order.id}`, f.staff)).body.rider_id).toBe(rider.id);
    const noted = await api('POST', `/admin/orders/${order.id}/notes`, f.staff, { body: 'Customer called' });
    expect(noted.body.staff_notes[0].body).toBe('Customer called');
    // Staff notes never reach the customer.
    expect((await api('GET', `/orders/${order.id}`, u.token)).body.staff_notes).toBeUndefined();
  });
});
