import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commerceFixture } from '../../test/commerce.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { fromPaypalAmount, toPaypalAmount } from './providers/paypal.js';
import { stripeProvider } from './providers/stripe.js';
import { kit, SANDBOX_SECRET } from '../../test/payments-kit.js';

/**
 * The Stripe and PayPal adapters against a local server that answers like their APIs: every
 * request they send is recorded and asserted (amounts, idempotency keys, capture and refund calls).
 */
type Seen = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
};
type Answer = { status?: number; body: unknown };
let seen: Seen[] = [];
let answer: (req: Seen) => Answer | undefined;
let server: http.Server;
let port: number;

const WEBHOOK_SECRET = 'whsec_test_cartwheel';
let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
const { api, order, count } = kit(() => ({ t, f }));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const type = String(req.headers['content-type'] ?? '');
      const body = type.includes('json')
        ? raw
          ? JSON.parse(raw)
          : {}
        : Object.fromEntries(new URLSearchParams(raw).entries());
      const s: Seen = { method: req.method!, path: req.url!, headers: req.headers, body };
      seen.push(s);
      const a = answer(s) ?? {
        status: 404,
        body: { error: { type: 'invalid_request_error', message: `no fake for ${s.path}` } },
      };
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json', 'request-id': 'req_fake' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  t = await createTestApp({
    SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET,
    STRIPE_SECRET_KEY: 'sk_test_cartwheel',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_cartwheel',
    STRIPE_CAPTURE_METHOD: 'manual',
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(port),
    STRIPE_API_PROTOCOL: 'http',
    PAYPAL_CLIENT_ID: 'pp-client',
    PAYPAL_CLIENT_SECRET: 'pp-secret',
    PAYPAL_WEBHOOK_ID: 'WH-123',
    PAYPAL_API_BASE: `http://127.0.0.1:${port}`,
  });
  f = await commerceFixture(t);
});
afterAll(async () => {
  await t?.close();
  server?.close();
});
beforeEach(() => {
  seen = [];
  answer = () => undefined;
});

const checkout = (u: Awaited<ReturnType<typeof f.shopper>>, body: Record<string, unknown>, price = 1250) =>
  order(u, { card: undefined, ...body }, { price });
const paymentRow = async (id: string) =>
  (await t.database.pool.query('select * from payments where id = $1', [id])).rows[0];

function intent(over: Partial<Record<string, unknown>> & { id: string; amount: number; status: string }) {
  return {
    object: 'payment_intent',
    currency: 'usd',
    capture_method: 'manual',
    amount_received: over.status === 'succeeded' ? over.amount : 0,
    metadata: {},
    payment_method: {
      id: 'pm_card_visa',
      object: 'payment_method',
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2031 },
    },
    ...over,
  };
}

describe('methods', () => {
  it('lists Stripe and PayPal with their client configuration when their keys are set', async () => {
    const res = await api('GET', '/payments/methods');
    const byId = Object.fromEntries(res.body.map((m: { id: string }) => [m.id, m]));
    expect(Object.keys(byId)).toEqual(['sandbox', 'cod', 'stripe', 'paypal']);
    expect(byId.stripe).toMatchObject({
      requires_card: false,
      accepts_token: true,
      config: { publishable_key: 'pk_test_cartwheel', capture_method: 'manual' },
    });
    expect(byId.paypal.config).toMatchObject({ client_id: 'pp-client' });
    expect(JSON.stringify(res.body)).not.toContain('sk_test');
    expect(JSON.stringify(res.body)).not.toContain('pp-secret');
  });
});

describe('stripe (PaymentIntents through the official SDK)', () => {
  it('authorizes with the payment method token, captures, and refunds, with idempotency keys and minor units', async () => {
    answer = (r) => {
      if (r.method === 'POST' && r.path === '/v1/payment_intents')
        return { body: intent({ id: 'pi_1', amount: Number(r.body.amount), status: 'requires_capture' }) };
      if (r.path === '/v1/payment_intents/pi_1/capture')
        return {
          body: intent({ id: 'pi_1', amount: Number(r.body.amount_to_capture), status: 'succeeded' }),
        };
      if (r.path === '/v1/refunds')
        return { body: { id: 're_1', object: 'refund', amount: Number(r.body.amount), status: 'succeeded' } };
      return undefined;
    };
    const u = await f.shopper();
    const { res } = await checkout(u, { payment_method: 'stripe', payment_token: 'pm_card_visa' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const o = res.body;
    expect(o.status).toBe('confirmed');
    expect(o.payment).toMatchObject({
      method: 'stripe',
      status: 'completed',
      captured_cents: o.totals.total_cents,
    });
    expect(o.payment.card).toMatchObject({ brand: 'visa', last4: '4242' });

    const [create, capture] = seen;
    expect(create!.headers.authorization).toBe('Bearer sk_test_cartwheel');
    expect(create!.body).toMatchObject({
      amount: String(o.totals.total_cents),
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      capture_method: 'manual',
      'metadata[reference]': o.payment.reference,
    });
    expect(create!.headers['idempotency-key']).toBe(o.payment.reference);
    expect(capture!.path).toBe('/v1/payment_intents/pi_1/capture');
    expect(capture!.body.amount_to_capture).toBe(String(o.totals.total_cents));
    expect(capture!.headers['idempotency-key']).toBe(`${o.payment.reference}-capture`);
    expect(seen).toHaveLength(2);

    const refund = await api('POST', `/admin/payments/${o.payment.id}/refund`, f.staff, {
      amount_cents: 250,
      reason: 'Dented can',
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const sent = seen.at(-1)!;
    expect(sent.path).toBe('/v1/refunds');
    expect(sent.body).toMatchObject({ payment_intent: 'pi_1', amount: '250' });
    expect(sent.headers['idempotency-key']).toBe(refund.body.refund.id);
    expect(refund.body.refund.provider_refund_id).toBe('re_1');
  });

  it('a decline is a 402 and a Stripe outage a 502: nothing is left behind', async () => {
    answer = (r) =>
      r.body.payment_method === 'pm_card_chargeDeclined'
        ? {
            status: 402,
            body: {
              error: {
                type: 'card_error',
                code: 'card_declined',
                decline_code: 'insufficient_funds',
                message: 'Your card has insufficient funds.',
              },
            },
          }
        : { status: 500, body: { error: { type: 'api_error', message: 'boom' } } };
    const u = await f.shopper();
    const declined = await checkout(u, { payment_method: 'stripe', payment_token: 'pm_card_chargeDeclined' });
    expect(declined.res.status).toBe(402);
    expect(declined.res.body.errors[0].message).toBe('insufficient_funds');
    const down = await checkout(u, { payment_method: 'stripe', payment_token: 'pm_card_visa' });
    expect(down.res.status).toBe(502);
    expect(await count('select count(*) n from orders where user_id = $1', [u.id])).toBe(0);
    // A card number is never accepted for Stripe: the client tokenises with Stripe.js.
    const pan = await checkout(u, {
      payment_method: 'stripe',
      card: { number: '4242424242424242', exp_month: 1, exp_year: 2040, cvc: '123' },
    });
    expect(pan.res.body.code).toBe('CARD_NOT_ACCEPTED');
    expect((await checkout(u, { payment_method: 'stripe' })).res.body.code).toBe('TOKEN_REQUIRED');
  });

  it('webhooks: signature checked with the signing secret; processing → succeeded; dispute flags the order', async () => {
    answer = (r) =>
      r.path === '/v1/payment_intents'
        ? { body: intent({ id: 'pi_async', amount: Number(r.body.amount), status: 'processing' }) }
        : undefined;
    const u = await f.shopper();
    const { res } = await checkout(u, { payment_method: 'stripe', payment_token: 'pm_card_visa' });
    expect(res.body.status).toBe('pending_payment');
    expect(res.body.payment.status).toBe('processing');

    const post = (payload: string, header: string) =>
      api('POST', '/payments/webhooks/stripe', undefined, payload, {
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
      });
    const event = (id: string, type: string, object: unknown) =>
      JSON.stringify({ id, object: 'event', type, data: { object } });
    const succeeded = event('evt_succeeded', 'payment_intent.succeeded', {
      id: 'pi_async',
      object: 'payment_intent',
      metadata: {},
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload: succeeded, secret: WEBHOOK_SECRET });

    const tampered = await post(succeeded.replace('pi_async', 'pi_other'), header);
    expect(tampered.status).toBe(400);
    const wrongSecret = Stripe.webhooks.generateTestHeaderString({
      payload: succeeded,
      secret: 'whsec_wrong',
    });
    expect((await post(succeeded, wrongSecret)).status).toBe(400);
    expect(await count(`select count(*) n from payment_webhook_events where provider = 'stripe'`)).toBe(0);

    expect((await post(succeeded, header)).body).toEqual({ received: true, duplicate: false });
    expect((await post(succeeded, header)).body).toEqual({ received: true, duplicate: true });
    const dispute = event('evt_dispute', 'charge.dispute.created', {
      id: 'dp_1',
      object: 'dispute',
      payment_intent: 'pi_async',
      reason: 'fraudulent',
    });
    expect(
      (
        await post(
          dispute,
          Stripe.webhooks.generateTestHeaderString({ payload: dispute, secret: WEBHOOK_SECRET }),
        )
      ).status,
    ).toBe(200);
    await t.drain();

    const after = await api('GET', `/orders/${res.body.id}`, f.staff);
    expect(after.body.status).toBe('confirmed');
    expect(after.body.disputed_at).not.toBeNull();
    expect(await paymentRow(res.body.payment.id)).toMatchObject({
      status: 'completed',
      dispute_reason: 'fraudulent',
    });
  });

  it('automatic capture sends capture_method=automatic and no capture call', async () => {
    answer = (r) => ({
      body: intent({
        id: 'pi_auto',
        amount: Number(r.body.amount),
        status: 'succeeded',
        capture_method: 'automatic',
      }),
    });
    const provider = stripeProvider({
      secretKey: 'sk_test_auto',
      webhookSecret: WEBHOOK_SECRET,
      captureMethod: 'automatic',
      api: { host: '127.0.0.1', port, protocol: 'http' },
    });
    const out = await provider.create({
      reference: 'PAY-AUTO',
      amountCents: 1999,
      currency: 'EUR',
      token: 'pm_card_visa',
      description: 'Order CW-1',
      idempotencyKey: 'PAY-AUTO',
    });
    expect(out).toMatchObject({ status: 'completed', providerPaymentId: 'pi_auto' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toMatchObject({ amount: '1999', currency: 'eur', capture_method: 'automatic' });
  });
});

describe('paypal (Orders v2 over fetch)', () => {
  let tokens = 0;
  let orderSeq = 0;
  const paypalApi =
    (captureStatus = 'COMPLETED') =>
    (r: Seen): Answer | undefined => {
      if (r.path === '/v1/oauth2/token') {
        tokens++;
        return { body: { access_token: 'A21-token', token_type: 'Bearer', expires_in: 32400 } };
      }
      if (r.method === 'POST' && r.path === '/v2/checkout/orders') {
        const id = `PPORDER${++orderSeq}`;
        return {
          status: 201,
          body: {
            id,
            status: 'PAYER_ACTION_REQUIRED',
            links: [{ rel: 'payer-action', href: `https://paypal.test/approve?token=${id}` }],
          },
        };
      }
      const capture = /^\/v2\/checkout\/orders\/(PPORDER\d+)\/capture$/.exec(r.path);
      if (capture)
        return {
          status: 201,
          body: {
            id: capture[1],
            status: 'COMPLETED',
            purchase_units: [
              {
                payments: {
                  captures: [
                    {
                      id: `CAP-${capture[1]}`,
                      status: captureStatus,
                      amount: { value: '1.00', currency_code: 'USD' },
                    },
                  ],
                },
              },
            ],
          },
        };
      if (/^\/v2\/payments\/captures\/CAP-PPORDER\d+\/refund$/.test(r.path))
        return { status: 201, body: { id: 'REF1', status: 'COMPLETED' } };
      if (r.path === '/v1/notifications/verify-webhook-signature')
        return {
          body: {
            verification_status:
              r.headers['x-fake-verdict'] ??
              (JSON.stringify(r.body).includes('"sig-ok"') ? 'SUCCESS' : 'FAILURE'),
          },
        };
      return undefined;
    };

  it('creates an order to approve, captures on confirm, refunds the capture; amounts as PayPal decimals', async () => {
    answer = paypalApi();
    const u = await f.shopper();
    const { res } = await checkout(u, { payment_method: 'paypal' }, 1234);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const o = res.body;
    expect(o.status).toBe('pending_payment');
    const ppOrder = (await paymentRow(o.payment.id)).provider_payment_id;
    expect(o.payment.next_action).toMatchObject({
      type: 'redirect',
      url: `https://paypal.test/approve?token=${ppOrder}`,
    });

    const [oauth, create] = seen;
    expect(oauth!.headers.authorization).toBe(
      `Basic ${Buffer.from('pp-client:pp-secret').toString('base64')}`,
    );
    expect(oauth!.body).toEqual({ grant_type: 'client_credentials' });
    expect(create!.headers.authorization).toBe('Bearer A21-token');
    expect(create!.headers['paypal-request-id']).toBe(o.payment.reference);
    expect(create!.body).toMatchObject({
      intent: 'CAPTURE',
      purchase_units: [
        {
          custom_id: o.payment.reference,
          amount: { currency_code: 'USD', value: toPaypalAmount(o.totals.total_cents, 'USD') },
        },
      ],
    });

    const confirmed = await api('POST', `/payments/${o.payment.id}/confirm`, u.token);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('completed');
    expect(seen.at(-1)!.path).toBe(`/v2/checkout/orders/${ppOrder}/capture`);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('confirmed');

    const refund = await api('POST', `/admin/payments/${o.payment.id}/refund`, f.staff, {
      amount_cents: 100,
      reason: 'Late',
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const sent = seen.at(-1)!;
    expect(sent.path).toBe(`/v2/payments/captures/CAP-${ppOrder}/refund`);
    expect(sent.body).toEqual({ amount: { value: '1.00', currency_code: 'USD' } });
    expect(sent.headers['paypal-request-id']).toBe(refund.body.refund.id);
    // The OAuth token is reused, not fetched per call.
    expect(tokens).toBe(1);
  });

  it('webhooks are verified by PayPal; an unverified one is 400; a verified refund event is recorded', async () => {
    answer = paypalApi();
    const u = await f.shopper();
    const o = (await checkout(u, { payment_method: 'paypal' })).res.body;
    await api('POST', `/payments/${o.payment.id}/confirm`, u.token);
    const event = JSON.stringify({
      id: 'WH-EVT-1',
      event_type: 'PAYMENT.CAPTURE.REFUNDED',
      resource: {
        id: 'REF9',
        custom_id: o.payment.reference,
        seller_payable_breakdown: { total_refunded_amount: { value: '2.50', currency_code: 'USD' } },
      },
    });
    const headers = (sig: string) => ({
      'content-type': 'application/json',
      'paypal-transmission-id': 'tid-1',
      'paypal-transmission-time': new Date().toISOString(),
      'paypal-transmission-sig': sig,
      'paypal-cert-url': 'https://api.paypal.com/cert.pem',
      'paypal-auth-algo': 'SHA256withRSA',
    });
    const bad = await api('POST', '/payments/webhooks/paypal', undefined, event, {
      headers: headers('sig-forged'),
    });
    expect(bad.status).toBe(400);
    const missing = await api('POST', '/payments/webhooks/paypal', undefined, event, {
      headers: { 'content-type': 'application/json' },
    });
    expect(missing.status).toBe(400);
    const ok = await api('POST', '/payments/webhooks/paypal', undefined, event, {
      headers: headers('sig-ok'),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const verify = seen.filter((s) => s.path === '/v1/notifications/verify-webhook-signature').at(-1)!;
    expect(verify.body).toMatchObject({
      webhook_id: 'WH-123',
      transmission_id: 'tid-1',
      auth_algo: 'SHA256withRSA',
      webhook_event: { id: 'WH-EVT-1' },
    });
    await t.drain();
    expect(await paymentRow(o.payment.id)).toMatchObject({
      status: 'partially_refunded',
      refunded_cents: 250,
    });
    expect((await api('GET', `/orders/${o.id}`, u.token)).body).toMatchObject({
      status: 'partially_refunded',
      refunded_cents: 250,
    });
  });

  it('a pending capture stays processing; PayPal outage on create is 502', async () => {
    answer = paypalApi('PENDING');
    const u = await f.shopper();
    const o = (await checkout(u, { payment_method: 'paypal' })).res.body;
    const confirmed = await api('POST', `/payments/${o.payment.id}/confirm`, u.token);
    expect(confirmed.body.status).toBe('processing');
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('pending_payment');
    answer = (r) => (r.path === '/v1/oauth2/token' ? paypalApi()(r) : { status: 503, body: {} });
    const down = await checkout(u, { payment_method: 'paypal' });
    expect(down.res.status).toBe(502);
  });

  it('converts minor units both ways', () => {
    expect(toPaypalAmount(1234, 'USD')).toBe('12.34');
    expect(toPaypalAmount(5, 'USD')).toBe('0.05');
    expect(toPaypalAmount(1234, 'JPY')).toBe('1234');
    expect(fromPaypalAmount('12.3', 'USD')).toBe(1230);
    expect(fromPaypalAmount('1234', 'JPY')).toBe(1234);
  });
});

describe('idempotency of the process route with a provider', () => {
  it('a retried Stripe payment with the same key sends one request', async () => {
    answer = (r) => {
      if (r.path === '/v1/payment_intents' && r.body.payment_method === 'pm_auth')
        return { body: intent({ id: 'pi_auth', amount: Number(r.body.amount), status: 'requires_action' }) };
      if (r.path === '/v1/payment_intents')
        return {
          body: intent({
            id: `pi_${randomUUID().slice(0, 8)}`,
            amount: Number(r.body.amount),
            status: 'requires_capture',
          }),
        };
      if (r.path.endsWith('/capture'))
        return {
          body: intent({
            id: r.path.split('/')[3]!,
            amount: Number(r.body.amount_to_capture),
            status: 'succeeded',
          }),
        };
      if (r.path.startsWith('/v1/payment_intents/pi_auth/cancel'))
        return { body: intent({ id: 'pi_auth', amount: 1, status: 'canceled' }) };
      return undefined;
    };
    const u = await f.shopper();
    const o = (await checkout(u, { payment_method: 'stripe', payment_token: 'pm_auth' })).res.body;
    expect(o.payment.next_action.type).toBe('authenticate');
    seen = [];
    const key = randomUUID();
    const body = { order_id: o.id, payment_method: 'stripe', payment_token: 'pm_card_visa' };
    const first = await api('POST', '/payments/process', u.token, body, {
      headers: { 'idempotency-key': key },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await api('POST', '/payments/process', u.token, body, {
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // The abandoned authentication was cancelled at Stripe, then one create and one capture.
    expect(seen.map((s) => s.path)).toEqual([
      '/v1/payment_intents/pi_auth/cancel',
      '/v1/payment_intents',
      `/v1/payment_intents/${(await paymentRow(first.body.id)).provider_payment_id}/capture`,
    ]);
    expect(first.body.amount_cents).toBe(o.totals.total_cents);
  });
});
