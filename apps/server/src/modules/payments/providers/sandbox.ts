import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  header,
  ProviderError,
  WebhookSignatureError,
  type CardInput,
  type PaymentProvider,
  type ProviderOutcome,
  type WebhookEvent,
} from './types.js';

/**
 * A card processor in test mode, built in: deterministic test cards drive every outcome, so the
 * demo and the tests exercise declines and authentication without a network.
 */
export const SANDBOX_TEST_CARDS = [
  { number: '4242424242424242', outcome: 'succeeds', brand: 'visa' },
  { number: '5555555555554444', outcome: 'succeeds', brand: 'mastercard' },
  { number: '4000002500003155', outcome: 'requires authentication, then succeeds', brand: 'visa' },
  { number: '4000000000000077', outcome: 'processing; settles later', brand: 'visa' },
  { number: '4000000000000002', outcome: 'declined (card_declined)', brand: 'visa' },
  { number: '4000000000009995', outcome: 'declined (insufficient_funds)', brand: 'visa' },
  { number: '4000000000000119', outcome: 'processor error (nothing is charged)', brand: 'visa' },
] as const;

const DECLINES: Record<string, { code: string; message: string }> = {
  '4000000000000002': { code: 'card_declined', message: 'Your card was declined' },
  '4000000000009995': { code: 'insufficient_funds', message: 'Your card has insufficient funds' },
};

export function brandOf(number: string) {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'unknown';
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** The sandbox's webhook events, as its (simulated) processor would post them. */
export type SandboxEvent = {
  id: string;
  type: 'payment.succeeded' | 'payment.failed' | 'payment.refunded' | 'dispute.created';
  data: { payment_id: string; reference?: string; amount_refunded?: number; reason?: string; code?: string };
};

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';
const TOLERANCE_S = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, Stripe's scheme, so replays age out. */
export function signSandboxWebhook(secret: string, body: string, at = Math.floor(Date.now() / 1000)) {
  const mac = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `t=${at},v1=${mac}`;
}

export function verifySandboxWebhook(
  secret: string,
  raw: Buffer,
  signature: string | undefined,
): SandboxEvent {
  const parts = Object.fromEntries(
    (signature ?? '').split(',').map((kv) => kv.split('=', 2) as [string, string]),
  );
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(t))
    throw new WebhookSignatureError('missing or malformed signature header');
  if (Math.abs(Date.now() / 1000 - t) > TOLERANCE_S)
    throw new WebhookSignatureError('signature timestamp too old');
  const expected = createHmac('sha256', secret).update(`${t}.`).update(raw).digest();
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new WebhookSignatureError('signature does not match');
  try {
    return JSON.parse(raw.toString('utf8')) as SandboxEvent;
  } catch {
    throw new WebhookSignatureError('body is not JSON');
  }
}

export const SANDBOX_PROCESSING_CARD = '4000000000000077';

export function sandboxProvider(opts: { webhookSecret: string }): PaymentProvider {
  const cardOf = (c: CardInput) => ({
    brand: brandOf(c.number),
    last4: c.number.slice(-4),
    expMonth: c.expMonth,
    expYear: c.expYear,
  });
  return {
    name: 'sandbox',
    displayName: 'Card (sandbox)',
    needsCard: true,
    clientConfig: () => ({
      test_mode: true,
      test_cards: SANDBOX_TEST_CARDS.map((c) => ({ number: c.number, outcome: c.outcome })),
    }),
    async create(input): Promise<ProviderOutcome> {
      const card = input.card!;
      const base = { providerPaymentId: id('sbx_pay'), card: cardOf(card) };
      if (card.number === '4000000000000119') throw new ProviderError('sandbox', 'processing_error');
      const decline = DECLINES[card.number];
      if (decline)
        return { ...base, status: 'failed', failure: decline, response: { outcome: 'declined', ...decline } };
      if (card.number === '4000002500003155')
        return {
          ...base,
          status: 'pending',
          nextAction: { type: 'authenticate', message: 'Confirm this payment with your bank' },
          response: { outcome: 'requires_action' },
        };
      if (card.number === SANDBOX_PROCESSING_CARD)
        return { ...base, status: 'processing', response: { outcome: 'processing' } };
      return {
        ...base,
        status: 'completed',
        response: { outcome: 'succeeded', captured: input.amountCents },
      };
    },
    async confirm(payment) {
      return {
        status: 'completed',
        providerPaymentId: payment.providerPaymentId,
        response: { outcome: 'succeeded', authenticated: true, captured: payment.amountCents },
      };
    },
    async cancel() {},
    async capture(payment) {
      return {
        status: 'completed',
        providerPaymentId: payment.providerPaymentId,
        response: { outcome: 'captured' },
      };
    },
    async refund() {
      return { providerRefundId: id('sbx_re') };
    },
    async parseWebhook(raw, headers): Promise<WebhookEvent> {
      const e = verifySandboxWebhook(opts.webhookSecret, raw, header(headers, SANDBOX_SIGNATURE_HEADER));
      const base = {
        id: e.id,
        type: e.type,
        providerPaymentId: e.data.payment_id,
        reference: e.data.reference ?? null,
      };
      switch (e.type) {
        case 'payment.succeeded':
          return { ...base, kind: 'succeeded' };
        case 'payment.failed':
          return {
            ...base,
            kind: 'failed',
            failure: { code: e.data.code ?? 'card_declined', message: 'The payment failed' },
          };
        case 'payment.refunded':
          return { ...base, kind: 'refunded', refundedTotalCents: e.data.amount_refunded };
        case 'dispute.created':
          return { ...base, kind: 'dispute_opened', reason: e.data.reason };
        default:
          return { ...base, kind: 'other' };
      }
    },
  };
}
