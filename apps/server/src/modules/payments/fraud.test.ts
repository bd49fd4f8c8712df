import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture, ledgerMismatches, stockOf, type Shopper } from '../../test/commerce.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { card, kit, SANDBOX_SECRET } from '../../test/payments-kit.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
const { api, order } = kit(() => ({ t, f }));

// Low limits and a threshold any single rule reaches, so each test shows one rule on its own.
beforeAll(async () => {
  t = await createTestApp({
    SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET,
    RISK_REVIEW_THRESHOLD: '20',
    RISK_VELOCITY_MAX_USER: '2',
    RISK_VELOCITY_MAX_IP: '3',
    RISK_VELOCITY_MAX_CARD: '2',
    RISK_HISTORY_MULTIPLE: '5',
    RISK_LARGE_ORDER_CENTS: '50000',
    RISK_FAILED_MAX: '2',
  });
  f = await commerceFixture(t);
});
afterAll(async () => t?.close());

let ipSeq = 1;
const freshIp = () => `10.9.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

/** An old account: the new-account rule stays quiet for it. */
async function seasoned(): Promise<Shopper> {
  const u = await f.shopper();
  await t.database.pool.query(`update users set created_at = now() - interval '30 days' where id = $1`, [
    u.id,
  ]);
  return u;
}

async function risk(orderId: string) {
  const res = await api('GET', `/admin/payments/reviews/${orderId}`, f.staff);
  expect(res.status).toBe(200);
  return res.body[0] as { score: number; decision: string; reasons: { rule: string }[] };
}
const rules = async (orderId: string) => (await risk(orderId)).reasons.map((r) => r.rule);

describe('risk scoring at checkout (PAY-6)', () => {
  it('a clean checkout scores 0 and is confirmed', async () => {
    const u = await seasoned();
    const { res } = await order(u, {}, { ip: freshIp() });
    expect(res.body.status).toBe('confirmed');
    expect(await risk(res.body.id)).toMatchObject({ score: 0, decision: 'pass', reasons: [] });
  });

  it('velocity per user', async () => {
    const u = await seasoned();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await order(u, {}, { ip: freshIp() })).res.body);
    expect(ids.map((o) => o.status)).toEqual(['confirmed', 'confirmed', 'on_hold']);
    expect(await rules(ids[2].id)).toEqual(['velocity_user']);
  });

  it('velocity per IP', async () => {
    const ip = freshIp();
    const out = [];
    for (let i = 0; i < 4; i++) out.push((await order(await seasoned(), {}, { ip })).res.body);
    expect(out.map((o) => o.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'on_hold']);
    expect(await rules(out[3].id)).toEqual(['velocity_ip']);
  });

  it('velocity per card (by fingerprint; the number itself is not kept)', async () => {
    const number = '4012888888881881';
    const out = [];
    for (let i = 0; i < 3; i++)
      out.push((await order(await seasoned(), { card: card(number) }, { ip: freshIp() })).res.body);
    expect(out.map((o) => o.status)).toEqual(['confirmed', 'confirmed', 'on_hold']);
    expect(await rules(out[2].id)).toEqual(['velocity_card']);
  });

  it("amount far above the user's history", async () => {
    const u = await seasoned();
    const small = (await order(u, {}, { price: 800, ip: freshIp() })).res.body;
    expect(small.status).toBe('confirmed');
    const big = (await order(u, {}, { price: 8000, ip: freshIp() })).res.body;
    expect(big.status).toBe('on_hold');
    expect(await rules(big.id)).toEqual(['amount_vs_history']);
  });

  it('a new account placing a large order', async () => {
    const u = await f.shopper();
    const big = (await order(u, {}, { price: 30000, quantity: 2, ip: freshIp() })).res.body;
    expect(big.status).toBe('on_hold');
    expect(await rules(big.id)).toEqual(['new_account_large_order']);
  });

  it('billing and shipping addresses far apart', async () => {
    const u = await seasoned();
    const billing = await f.addressFor(u.token, '99999');
    const { res } = await order(
      u,
      { shipping_address_id: u.addressId, billing_address_id: billing },
      { ip: freshIp() },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('on_hold');
    expect(await rules(res.body.id)).toEqual(['address_mismatch']);
  });

  it('recent failed attempts (declined checkouts count although they roll back)', async () => {
    const u = await seasoned();
    for (let i = 0; i < 2; i++)
      expect((await order(u, { card: card('4000000000000002') }, { ip: freshIp() })).res.status).toBe(402);
    // The declined attempts' carts are still full: clear them so this order is a plain one.
    await api('DELETE', '/cart', u.token);
    const { res } = await order(u, {}, { ip: freshIp() });
    expect(res.body.status).toBe('on_hold');
    expect(await rules(res.body.id)).toContain('recent_failed_attempts');
  });
});

describe('review (PAY-6)', () => {
  async function held() {
    const u = await f.shopper();
    const { res, product } = await order(u, {}, { price: 30000, quantity: 2, ip: freshIp(), stock: 10 });
    expect(res.body.status).toBe('on_hold');
    return { u, o: res.body, product };
  }

  it('lists held orders; staff approve: the order is confirmed and stock committed', async () => {
    const { u, o, product } = await held();
    expect(await stockOf(t, f.store.id, product.variantId)).toMatchObject({ reserved: 2, committed: 0 });
    expect((await api('GET', '/admin/payments/reviews', u.token)).status).toBe(403);
    const queue = await api('GET', '/admin/payments/reviews?per_page=100', f.staff);
    expect(queue.body.items.map((r: { order_id: string }) => r.order_id)).toContain(o.id);
    // The plain status route cannot lift a hold.
    const bypass = await api('POST', `/admin/orders/${o.id}/status`, f.staff, { status: 'confirmed' });
    expect(bypass.status).toBe(409);
    expect(bypass.body.code).toBe('USE_FRAUD_REVIEW');

    const approved = await api('POST', `/admin/payments/reviews/${o.id}/approve`, f.staff, {
      note: 'Called the customer',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ decision: 'approved', review_note: 'Called the customer' });
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('confirmed');
    expect(await stockOf(t, f.store.id, product.variantId)).toMatchObject({
      reserved: 0,
      committed: 2,
      on_hand: 8,
    });
    expect((await api('POST', `/admin/payments/reviews/${o.id}/approve`, f.staff, {})).body.code).toBe(
      'NOT_UNDER_REVIEW',
    );
    const queueAfter = await api('GET', '/admin/payments/reviews?per_page=100', f.staff);
    expect(queueAfter.body.items.map((r: { order_id: string }) => r.order_id)).not.toContain(o.id);
  });

  it('staff reject: the order is cancelled, stock released and the payment refunded', async () => {
    const { u, o, product } = await held();
    const rejected = await api('POST', `/admin/payments/reviews/${o.id}/reject`, f.staff, {
      note: 'Stolen card',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const after = await api('GET', `/orders/${o.id}`, u.token);
    expect(after.body).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Stolen card',
      refunded_cents: o.totals.total_cents,
    });
    expect(after.body.payment).toMatchObject({ status: 'refunded', refunded_cents: o.totals.total_cents });
    expect(await stockOf(t, f.store.id, product.variantId)).toEqual({
      on_hand: 10,
      reserved: 0,
      committed: 0,
    });
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('a held order paid later (processing card) waits for review too', async () => {
    const u = await f.shopper();
    const { res } = await order(
      u,
      { card: card('4000000000000077') },
      { price: 30000, quantity: 2, ip: freshIp() },
    );
    expect(res.body.status).toBe('pending_payment');
    const providerId = (
      await t.database.pool.query('select provider_payment_id from payments where id = $1', [
        res.body.payment.id,
      ])
    ).rows[0].provider_payment_id;
    await kit(() => ({ t, f })).sandboxWebhook({
      id: `evt_${randomUUID()}`,
      type: 'payment.succeeded',
      data: { payment_id: providerId },
    });
    await t.drain();
    expect((await api('GET', `/orders/${res.body.id}`, u.token)).body.status).toBe('on_hold');
  });

  it('unknown order: 404; a customer cannot decide', async () => {
    expect((await api('POST', `/admin/payments/reviews/${randomUUID()}/approve`, f.staff, {})).status).toBe(
      404,
    );
    const u = await f.shopper();
    expect((await api('POST', `/admin/payments/reviews/${randomUUID()}/reject`, u.token, {})).status).toBe(
      403,
    );
  });
});
