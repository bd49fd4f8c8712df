import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createDatabase } from '../../platform/db.js';
import { commerceFixture, ledgerMismatches, stockOf } from '../../test/commerce.js';
import {
  call,
  createTestApp,
  createTestDatabase,
  lastMail,
  signedIn,
  type TestApp,
} from '../../test/harness.js';
import { card, CARD, kit, SANDBOX_SECRET } from '../../test/payments-kit.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
const { api, order, count, sandboxWebhook } = kit(() => ({ t, f }));

beforeAll(async () => {
  // Settle processing payments at once, so draining the queue runs the sandbox's webhook.
  t = await createTestApp({ SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET, SANDBOX_SETTLE_DELAY: '0ms' });
  f = await commerceFixture(t);
});
afterAll(async () => t?.close());

const pay = (token: string, body: Record<string, unknown>, key: string = randomUUID()) =>
  api('POST', '/payments/process', token, body, { headers: { 'idempotency-key': key } });

const paymentRow = async (id: string) =>
  (await t.database.pool.query('select * from payments where id = $1', [id])).rows[0];
const orderStatus = async (id: string) =>
  (await t.database.pool.query('select status from orders where id = $1', [id])).rows[0].status as string;

describe('methods (PAY-1)', () => {
  it('lists the enabled providers with their client configuration', async () => {
    const res = await api('GET', '/payments/methods');
    expect(res.status).toBe(200);
    expect(res.body.map((m: { id: string }) => m.id)).toEqual(['sandbox', 'cod']);
    const sandbox = res.body[0];
    expect(sandbox).toMatchObject({ requires_card: true, accepts_token: false, config: { test_mode: true } });
    expect(sandbox.config.test_cards.map((c: { number: string }) => c.number)).toContain('4000000000000077');
  });
});

describe('paying and retrying (PAY-1, PAY-3)', () => {
  it('records a failed attempt, keeps the order payable, then takes the order amount once', async () => {
    const u = await f.shopper();
    // Authentication pending: the order waits for its payment.
    const { res } = await order(u, { card: card('4000002500003155') }, { price: 1234, quantity: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const o = res.body;
    expect(o.status).toBe('pending_payment');
    expect(o.payment.next_action.type).toBe('authenticate');

    // Someone else cannot pay (or see) it; no key is a 400; a client amount is refused.
    const other = await f.shopper();
    expect((await pay(other.token, { order_id: o.id, payment_method: 'sandbox', card: CARD })).status).toBe(
      404,
    );
    expect((await api('GET', `/payments/${o.payment.id}`, other.token)).status).toBe(404);
    expect((await api('GET', `/payments/order/${o.id}`, other.token)).status).toBe(404);
    const noKey = await api('POST', '/payments/process', u.token, {
      order_id: o.id,
      payment_method: 'sandbox',
      card: CARD,
    });
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const withAmount = await pay(u.token, {
      order_id: o.id,
      payment_method: 'sandbox',
      card: CARD,
      amount_cents: 1,
    });
    expect(withAmount.status).toBe(422);
    expect((await pay(u.token, { order_id: o.id, payment_method: 'bitcoin' })).body.code).toBe(
      'PAYMENT_METHOD_UNAVAILABLE',
    );

    // A decline is recorded (402 names the payment) and the order stays payable.
    const declined = await pay(u.token, {
      order_id: o.id,
      payment_method: 'sandbox',
      card: card('4000000000009995'),
    });
    expect(declined.status).toBe(402);
    const failedId = declined.body.errors.find((e: { field: string }) => e.field === 'payment_id').message;
    expect(await paymentRow(failedId)).toMatchObject({
      status: 'failed',
      failure_code: 'insufficient_funds',
    });
    expect(await orderStatus(o.id)).toBe('pending_payment');

    // A provider crash is a 502 with the reason stored; still payable.
    const crashed = await pay(u.token, {
      order_id: o.id,
      payment_method: 'sandbox',
      card: card('4000000000000119'),
    });
    expect(crashed.status).toBe(502);
    expect(
      await count(`select count(*) n from payments where order_id = $1 and failure_code = 'provider_error'`, [
        o.id,
      ]),
    ).toBe(1);
    expect(await orderStatus(o.id)).toBe('pending_payment');

    // Retry with a good card: the amount is the order's, the order is confirmed; a replay is the same payment.
    const key = randomUUID();
    const ok = await pay(u.token, { order_id: o.id, payment_method: 'sandbox', card: CARD }, key);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'completed',
      amount_cents: o.totals.total_cents,
      captured_cents: o.totals.total_cents,
    });
    const replay = await pay(u.token, { order_id: o.id, payment_method: 'sandbox', card: CARD }, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(ok.body.id);
    const twice = await pay(u.token, { order_id: o.id, payment_method: 'sandbox', card: CARD });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_PAID');

    const detail = await api('GET', `/orders/${o.id}`, u.token);
    expect(detail.body.status).toBe('confirmed');
    const list = await api('GET', `/payments/order/${o.id}`, u.token);
    // The abandoned authentication was cancelled, not left open.
    expect(list.body.map((p: { status: string }) => p.status).sort()).toEqual([
      'cancelled',
      'completed',
      'failed',
      'failed',
    ]);
    expect(
      await count(`select count(*) n from payments where order_id = $1 and status = 'completed'`, [o.id]),
    ).toBe(1);
    // Staff may read any payment.
    expect((await api('GET', `/payments/${ok.body.id}`, f.staff)).status).toBe(200);
  });

  it('a payment still processing blocks a second one (409)', async () => {
    const u = await f.shopper();
    const { res } = await order(u, { card: card('4000000000000077') });
    expect(res.body.payment.status).toBe('processing');
    const again = await pay(u.token, { order_id: res.body.id, payment_method: 'sandbox', card: CARD });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PAYMENT_IN_PROGRESS');
  });
});

describe('webhooks (PAY-4)', () => {
  it('the sandbox settles a processing payment with its own signed webhook, through a job', async () => {
    const u = await f.shopper();
    const { res } = await order(u, { card: card('4000000000000077') });
    expect(res.body.status).toBe('pending_payment');
    await t.drain(); // settle job → signed event stored → processing job
    await t.drain();
    expect(await orderStatus(res.body.id)).toBe('confirmed');
    expect(await paymentRow(res.body.payment.id)).toMatchObject({
      status: 'completed',
      captured_cents: res.body.totals.total_cents,
    });
    const events = await t.database.pool.query(
      `select * from payment_webhook_events where provider = 'sandbox' and event_id like $1`,
      [`%${res.body.payment.id}%`],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ type: 'payment.succeeded', status: 'processed' });
    expect(
      await count(`select count(*) n from jobs where type = 'payments__process_webhook'`),
    ).toBeGreaterThan(0);
  });

  it('rejects tampered, unsigned and foreign-signed bodies with 400 and stores nothing', async () => {
    const u = await f.shopper();
    const { res } = await order(u, { card: card('4000000000000077') });
    const providerId = (await paymentRow(res.body.payment.id)).provider_payment_id;
    const event = { id: `evt_${randomUUID()}`, type: 'payment.succeeded', data: { payment_id: providerId } };
    const before = await count('select count(*) n from payment_webhook_events');
    const tampered = await sandboxWebhook(event, {
      tamper: (raw) => raw.replace('payment.succeeded', 'payment.refunded'),
    });
    expect(tampered.status).toBe(400);
    expect(tampered.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await sandboxWebhook(event, { secret: 'not-the-secret-at-all' })).status).toBe(400);
    const unsigned = await api('POST', '/payments/webhooks/sandbox', undefined, JSON.stringify(event), {
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(400);
    expect(
      (
        await api('POST', '/payments/webhooks/cod', undefined, JSON.stringify(event), {
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api('POST', '/payments/webhooks/nosuch', undefined, '{}', {
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(404);
    expect(await count('select count(*) n from payment_webhook_events')).toBe(before);
    expect(await paymentRow(res.body.payment.id)).toMatchObject({ status: 'processing' });
  });

  it('processes each event id once, and a late failure cannot undo a success', async () => {
    const u = await f.shopper();
    const { res } = await order(u, { card: card('4000000000000077') });
    const providerId = (await paymentRow(res.body.payment.id)).provider_payment_id;
    const succeeded = {
      id: `evt_${randomUUID()}`,
      type: 'payment.succeeded',
      data: { payment_id: providerId },
    };
    const first = await sandboxWebhook(succeeded);
    expect(first.body).toEqual({ received: true, duplicate: false });
    expect((await sandboxWebhook(succeeded)).body).toEqual({ received: true, duplicate: true });
    const failed = {
      id: `evt_${randomUUID()}`,
      type: 'payment.failed',
      data: { payment_id: providerId, code: 'card_declined' },
    };
    expect((await sandboxWebhook(failed)).status).toBe(200);
    await t.drain();
    expect(await paymentRow(res.body.payment.id)).toMatchObject({ status: 'completed', failure_code: null });
    expect(await orderStatus(res.body.id)).toBe('confirmed');
    const rows = await t.database.pool.query(
      'select event_id, status, result from payment_webhook_events where event_id = any($1)',
      [[succeeded.id, failed.id]],
    );
    expect(rows.rows.find((r) => r.event_id === failed.id)).toMatchObject({
      status: 'ignored',
      result: 'payment is already completed',
    });
    expect(
      await count('select count(*) n from payment_webhook_events where event_id = $1', [succeeded.id]),
    ).toBe(1);
    // Exactly one confirmation happened.
    expect(
      await count(`select count(*) n from order_events where order_id = $1 and to_status = 'confirmed'`, [
        res.body.id,
      ]),
    ).toBe(1);
  });

  it('a failed payment leaves the order payable; retry works; an unknown payment is acknowledged', async () => {
    const u = await f.shopper();
    const { res } = await order(u, { card: card('4000000000000077') });
    const providerId = (await paymentRow(res.body.payment.id)).provider_payment_id;
    await sandboxWebhook({
      id: `evt_${randomUUID()}`,
      type: 'payment.failed',
      data: { payment_id: providerId, code: 'card_declined' },
    });
    const unknown = await sandboxWebhook({
      id: `evt_${randomUUID()}`,
      type: 'payment.succeeded',
      data: { payment_id: 'sbx_pay_nobody' },
    });
    expect(unknown.status).toBe(200);
    await t.drain();
    expect(await paymentRow(res.body.payment.id)).toMatchObject({
      status: 'failed',
      failure_code: 'card_declined',
    });
    expect(await orderStatus(res.body.id)).toBe('pending_payment');
    expect(
      await count(
        `select count(*) n from payment_webhook_events where payload->>'providerPaymentId' = 'sbx_pay_nobody' and status = 'ignored'`,
      ),
    ).toBe(1);
    const retry = await pay(u.token, { order_id: res.body.id, payment_method: 'sandbox', card: CARD });
    expect(retry.status).toBe(201);
    expect(await orderStatus(res.body.id)).toBe('confirmed');
  });

  it('a dispute flags the order for staff; a refund made at the provider is recorded once', async () => {
    const u = await f.shopper();
    const { res } = await order(u, {}, { price: 3000 });
    const o = res.body;
    const providerId = (await paymentRow(o.payment.id)).provider_payment_id;
    await sandboxWebhook({
      id: `evt_${randomUUID()}`,
      type: 'dispute.created',
      data: { payment_id: providerId, reason: 'fraudulent' },
    });
    const refundEvent = {
      id: `evt_${randomUUID()}`,
      type: 'payment.refunded',
      data: { payment_id: providerId, amount_refunded: 500 },
    };
    await sandboxWebhook(refundEvent);
    // The same cumulative total again under a new id (a provider retry with a fresh id): no second refund.
    await sandboxWebhook({ ...refundEvent, id: `evt_${randomUUID()}` });
    await t.drain();
    const staffView = await api('GET', `/orders/${o.id}`, f.staff);
    expect(staffView.body.disputed_at).not.toBeNull();
    expect(staffView.body.status).toBe('partially_refunded');
    expect(staffView.body.refunded_cents).toBe(500);
    expect(await paymentRow(o.payment.id)).toMatchObject({
      status: 'partially_refunded',
      refunded_cents: 500,
      dispute_reason: 'fraudulent',
    });
    const disputed = await api('GET', '/admin/payments?disputed=true', f.staff);
    expect(disputed.body.items.map((p: { id: string }) => p.id)).toContain(o.payment.id);
  });
});

describe('refunds (PAY-5)', () => {
  it('customer request → staff approve: money back through the provider, returned stock, status and email', async () => {
    const u = await f.shopper();
    const { res, product } = await order(u, {}, { price: 1000, quantity: 3 });
    const o = res.body;
    expect(await stockOf(t, f.store.id, product.variantId)).toMatchObject({ on_hand: 17, committed: 3 });

    const other = await f.shopper();
    const body = {
      order_id: o.id,
      amount_cents: 1000,
      reason: 'One was broken',
      items: [{ variant_id: product.variantId, quantity: 1 }],
    };
    expect((await api('POST', '/payments/refunds', other.token, body)).status).toBe(404);
    expect(
      (await api('POST', '/payments/refunds', u.token, { ...body, amount_cents: o.totals.total_cents + 1 }))
        .body.code,
    ).toBe('REFUND_EXCEEDS_CAPTURED');
    expect(
      (
        await api('POST', '/payments/refunds', u.token, {
          ...body,
          items: [{ variant_id: product.variantId, quantity: 4 }],
        })
      ).body.code,
    ).toBe('RETURN_EXCEEDS_ORDERED');
    const requested = await api('POST', '/payments/refunds', u.token, body);
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    expect(requested.body.status).toBe('requested');
    expect((await api('POST', '/payments/refunds', u.token, body)).body.code).toBe(
      'REFUND_ALREADY_REQUESTED',
    );
    // Nothing moved yet.
    expect(await orderStatus(o.id)).toBe('confirmed');
    expect((await api('GET', '/admin/refunds?status=requested', u.token)).status).toBe(403);
    const queue = await api('GET', `/admin/refunds?status=requested&order_id=${o.id}`, f.staff);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([requested.body.id]);

    const approved = await api('POST', `/admin/refunds/${requested.body.id}/approve`, f.staff, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'succeeded', amount_cents: 1000 });
    expect(approved.body.provider_refund_id).toMatch(/^sbx_re_/);
    expect((await api('POST', `/admin/refunds/${requested.body.id}/approve`, f.staff, {})).body.code).toBe(
      'REFUND_NOT_PENDING',
    );

    expect(await paymentRow(o.payment.id)).toMatchObject({
      status: 'partially_refunded',
      refunded_cents: 1000,
    });
    const after = await api('GET', `/orders/${o.id}`, u.token);
    expect(after.body).toMatchObject({ status: 'partially_refunded', refunded_cents: 1000 });
    expect(await stockOf(t, f.store.id, product.variantId)).toMatchObject({ on_hand: 18, committed: 2 });
    expect((await lastMail(t, u.email, 'order_partially_refunded'))?.subject).toContain(o.number);
    expect(await ledgerMismatches(t)).toEqual([]);

    // Staff refund the rest in full: the order is refunded.
    const rest = await api('POST', `/admin/payments/${o.payment.id}/refund`, f.staff, { reason: 'Goodwill' });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.refund.amount_cents).toBe(o.totals.total_cents - 1000);
    expect(rest.body.payment).toMatchObject({ status: 'refunded', refunded_cents: o.totals.total_cents });
    expect(await orderStatus(o.id)).toBe('refunded');
    expect((await lastMail(t, u.email, 'order_refunded'))?.subject).toContain(o.number);
    const more = await api('POST', `/admin/payments/${o.payment.id}/refund`, f.staff, {
      reason: 'again',
      amount_cents: 1,
    });
    expect(more.status).toBe(409);
    expect((await api('GET', `/payments/refunds?order_id=${o.id}`, u.token)).body).toHaveLength(2);
  });

  it('rejects a request; an unpaid order cannot be refunded', async () => {
    const u = await f.shopper();
    const { res } = await order(u);
    const r = await api('POST', '/payments/refunds', u.token, {
      order_id: res.body.id,
      reason: 'Changed my mind',
    });
    expect(r.body.amount_cents).toBe(res.body.totals.total_cents);
    const rejected = await api('POST', `/admin/refunds/${r.body.id}/reject`, f.staff, {
      note: 'Already delivered fresh goods',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', review_note: 'Already delivered fresh goods' });
    expect(await orderStatus(res.body.id)).toBe('confirmed');
    const pending = (await order(u, { card: card('4000002500003155') })).res.body;
    expect(
      (await api('POST', '/payments/refunds', u.token, { order_id: pending.id, reason: 'x' })).body.code,
    ).toBe('ORDER_NOT_REFUNDABLE');
  });

  it('concurrent partial refunds never exceed the captured amount', async () => {
    const u = await f.shopper();
    const { res } = await order(u, {}, { price: 2000, quantity: 5 });
    const o = res.body;
    const part = Math.floor(o.totals.total_cents * 0.4);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        api('POST', `/admin/payments/${o.payment.id}/refund`, f.staff, {
          amount_cents: part,
          reason: 'split',
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422, 422]);
    expect(
      results.filter((r) => r.status === 422).every((r) => r.body.code === 'REFUND_EXCEEDS_CAPTURED'),
    ).toBe(true);
    const p = await paymentRow(o.payment.id);
    expect(p).toMatchObject({ refunded_cents: 2 * part, status: 'partially_refunded' });
    expect(
      await count(`select count(*) n from refunds where payment_id = $1 and status = 'succeeded'`, [
        o.payment.id,
      ]),
    ).toBe(2);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.refunded_cents).toBe(2 * part);
  });
});

describe('card data (PAY-2)', () => {
  it('a card number is never stored in any table nor written to the log', async () => {
    const db = await createTestDatabase();
    const lines: string[] = [];
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'trace',
      WORKER: 'off',
      DATABASE_URL: db.url,
      DATA_DIR: `/tmp/cw-pay-${randomUUID()}`,
      JWT_SECRET: randomUUID() + randomUUID(),
      AUTH_RATE_LIMIT_IP: '100000',
      AUTH_RATE_LIMIT_ACCOUNT: '100000',
    });
    const database = createDatabase(db.url, 10);
    const app = await buildApp(config, database, { logStream: { write: (line) => void lines.push(line) } });
    const local: TestApp = { app, database, config, drain: () => app.queue.drain(), close: async () => {} };
    try {
      const fx = await commerceFixture(local);
      const u = await fx.shopper();
      const p = await fx.product({ stock: 5 });
      await call(app, 'POST', '/api/v1/cart/items', {
        token: u.token,
        body: { variant_id: p.variantId, quantity: 1 },
      });
      const pan = '4111111111111111';
      const checkout = await call(app, 'POST', '/api/v1/orders/checkout', {
        token: u.token,
        headers: { 'idempotency-key': randomUUID() },
        body: { payment_method: 'sandbox', card: { ...CARD, number: '4111 1111 1111 1111' } },
      });
      expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
      expect(checkout.body.payment.card).toMatchObject({ last4: '1111', brand: 'visa' });
      // A declined card and an invalid one go through the error paths too.
      await call(app, 'POST', '/api/v1/cart/items', {
        token: u.token,
        body: { variant_id: p.variantId, quantity: 1 },
      });
      const declined = await call(app, 'POST', '/api/v1/orders/checkout', {
        token: u.token,
        headers: { 'idempotency-key': randomUUID() },
        body: { payment_method: 'sandbox', card: { ...CARD, number: '4000000000000002' } },
      });
      expect(declined.status).toBe(402);
      await app.queue.drain();

      const tables = await database.pool.query(
        `select table_schema, table_name from information_schema.tables
         where table_schema in ('public', 'graphile_worker') and table_type = 'BASE TABLE'`,
      );
      expect(tables.rows.length).toBeGreaterThan(10);
      const hits: string[] = [];
      for (const { table_schema, table_name } of tables.rows) {
        const { rows } = await database.pool.query(
          `select t::text as row from "${table_schema}"."${table_name}" t`,
        );
        for (const { row } of rows)
          for (const number of [pan, '4000000000000002'])
            if (row.replace(/\D/g, '').includes(number)) hits.push(`${table_name}: ${number}`);
      }
      expect(hits).toEqual([]);
      expect(lines.length).toBeGreaterThan(10);
      const log = lines.join('');
      expect(log).toContain('/api/v1/orders/checkout');
      expect(log.replace(/[\s-]/g, '')).not.toContain(pan);
      expect(log).not.toContain('4000000000000002');
    } finally {
      await app.close();
      await database.close();
      await db.drop();
    }
  }, 60_000);
});

describe('staff views (PAY-7)', () => {
  it('lists payments with filters; staff only', async () => {
    const customer = await signedIn(t);
    expect((await api('GET', '/admin/payments', customer.token)).status).toBe(403);
    const failed = await api('GET', '/admin/payments?status=failed&method=sandbox&per_page=5', f.staff);
    expect(failed.status).toBe(200);
    expect(failed.body.items.length).toBeGreaterThan(0);
    expect(failed.body.items.every((p: { status: string }) => p.status === 'failed')).toBe(true);
  });
});
