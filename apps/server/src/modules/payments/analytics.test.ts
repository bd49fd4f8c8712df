import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture } from '../../test/commerce.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { card, kit, SANDBOX_SECRET } from '../../test/payments-kit.js';

// A database of its own, so every number below is known.
let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
const { api, order } = kit(() => ({ t, f }));

beforeAll(async () => {
  t = await createTestApp({ SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET });
  f = await commerceFixture(t);
});
afterAll(async () => t?.close());

describe('payment analytics (PAY-7)', () => {
  it('volume, success rate by method, refunds and the daily series', async () => {
    const u = await f.shopper();
    const a = (await order(u, {}, { price: 4000 })).res.body;
    const b = (await order(u, {}, { price: 5000 })).res.body;
    const c = (await order(u, { payment_method: 'cod', card: undefined }, { price: 3000 })).res.body;
    const pending = (await order(u, { card: card('4000002500003155') }, { price: 2000 })).res.body;
    const declined = await api(
      'POST',
      '/payments/process',
      u.token,
      { order_id: pending.id, payment_method: 'sandbox', card: card('4000000000000002') },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(declined.status).toBe(402);
    const refund = await api('POST', `/admin/payments/${a.payment.id}/refund`, f.staff, {
      amount_cents: 700,
      reason: 'Bruised',
    });
    expect(refund.status).toBe(201);
    await api('POST', '/payments/refunds', u.token, { order_id: b.id, amount_cents: 100, reason: 'Late' });

    const res = await api('GET', '/admin/payments/analytics', f.staff);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    const paid = a.totals.total_cents + b.totals.total_cents;
    // Sandbox: a and b completed (a partially refunded), the authentication one cancelled, one declined.
    const sandbox = s.by_method.find((m: { method: string }) => m.method === 'sandbox');
    expect(sandbox).toMatchObject({
      attempts: 4,
      succeeded: 2,
      failed: 1,
      volume_cents: paid,
      success_rate: 0.5,
    });
    const cod = s.by_method.find((m: { method: string }) => m.method === 'cod');
    expect(cod).toMatchObject({ attempts: 1, succeeded: 0, volume_cents: 0 });
    expect(s.payments).toBe(5);
    expect(s.volume_cents).toBe(paid);
    expect(s.success_rate).toBe(0.4);
    expect(s.refunds).toEqual({ count: 1, amount_cents: 700, pending_requests: 1 });
    expect(s.by_status).toContainEqual({
      method: 'cod',
      status: 'pending',
      count: 1,
      amount_cents: c.totals.total_cents,
    });
    expect(s.daily).toHaveLength(31);
    const today = s.daily.at(-1);
    expect(today).toEqual({
      day: new Date().toISOString().slice(0, 10),
      revenue_cents: paid,
      refunds_cents: 700,
      net_cents: paid - 700,
      payments: 2,
    });
    expect(s.daily.slice(0, -1).every((d: { revenue_cents: number }) => d.revenue_cents === 0)).toBe(true);

    // A range with nothing in it; a bad range is a 422; staff only.
    const empty = await api('GET', '/admin/payments/analytics?from=2020-01-01&to=2020-01-08', f.staff);
    expect(empty.body).toMatchObject({ payments: 0, volume_cents: 0, success_rate: null });
    expect(empty.body.daily.map((d: { day: string }) => d.day)).toEqual([
      '2020-01-01',
      '2020-01-02',
      '2020-01-03',
      '2020-01-04',
      '2020-01-05',
      '2020-01-06',
      '2020-01-07',
    ]);
    expect(
      (await api('GET', '/admin/payments/analytics?from=2020-02-01&to=2020-01-01', f.staff)).status,
    ).toBe(422);
    expect((await api('GET', '/admin/payments/analytics', u.token)).status).toBe(403);
  });
});
