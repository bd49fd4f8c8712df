import Stripe from 'stripe';
import {
  header,
  ProviderError,
  WebhookSignatureError,
  type PaymentProvider,
  type ProviderOutcome,
  type WebhookEvent,
} from './types.js';

export type StripeConfig = {
  secretKey: string;
  webhookSecret: string;
  publishableKey?: string;
  captureMethod: 'automatic' | 'manual';
  /** The API endpoint; tests point it at a local server answering like Stripe. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
};

/**
 * Stripe PaymentIntents through the official SDK. The client collects the card with Stripe.js
 * and sends only the payment method id (`payment_token`): no card number reaches this server.
 */
export function stripeProvider(config: StripeConfig): PaymentProvider {
  const stripe = new Stripe(config.secretKey, {
    ...(config.api ? { host: config.api.host, port: config.api.port, protocol: config.api.protocol } : {}),
    // Our own retry is the shopper's, with the same idempotency key; keep requests quick.
    maxNetworkRetries: 1,
    timeout: 20_000,
    appInfo: { name: 'Cartwheel' },
  });

  const outcomeOf = (pi: Stripe.PaymentIntent): ProviderOutcome => {
    const pm = typeof pi.payment_method === 'object' ? pi.payment_method : null;
    const card = pm?.card
      ? { brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year }
      : undefined;
    const response = {
      payment_intent: pi.id,
      status: pi.status,
      capture_method: pi.capture_method,
      amount: pi.amount,
      amount_received: pi.amount_received,
    };
    const base = { providerPaymentId: pi.id, card, response };
    switch (pi.status) {
      case 'succeeded':
        return { ...base, status: 'completed' };
      case 'requires_capture':
        return { ...base, status: 'authorized' };
      case 'processing':
        return { ...base, status: 'processing' };
      case 'requires_action':
      case 'requires_confirmation':
        return {
          ...base,
          status: 'pending',
          nextAction: {
            type: 'authenticate',
            message: 'Confirm this payment with your bank',
            url: pi.next_action?.redirect_to_url?.url ?? undefined,
          },
        };
      case 'canceled':
        return {
          ...base,
          status: 'failed',
          failure: { code: 'canceled', message: 'The payment was cancelled' },
        };
      default: {
        const err = pi.last_payment_error;
        return {
          ...base,
          status: 'failed',
          failure: {
            code: err?.decline_code ?? err?.code ?? 'payment_failed',
            message: err?.message ?? 'Payment failed',
          },
        };
      }
    }
  };

  /** A decline is an outcome; anything else (network, 5xx, bad key) is a provider failure. */
  async function guard(fn: () => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError)
        return {
          status: 'failed',
          providerPaymentId: err.payment_intent?.id ?? null,
          failure: { code: err.decline_code ?? err.code ?? 'card_declined', message: err.message },
          response: { error: err.type, code: err.code, decline_code: err.decline_code },
        };
      throw asProviderError(err);
    }
  }
  const asProviderError = (err: unknown) =>
    new ProviderError(
      'stripe',
      err instanceof Stripe.errors.StripeError ? `${err.type}: ${err.message}` : String(err),
    );
  const expand = ['payment_method'];

  return {
    name: 'stripe',
    displayName: 'Card (Stripe)',
    needsCard: false,
    acceptsToken: true,
    clientConfig: () => ({
      publishable_key: config.publishableKey ?? null,
      capture_method: config.captureMethod,
      token: 'payment_method id from Stripe.js (pm_…), sent as payment_token',
    }),
    async create(input) {
      if (!input.token) throw new ProviderError('stripe', 'a payment method token is required');
      return guard(async () =>
        outcomeOf(
          await stripe.paymentIntents.create(
            {
              amount: input.amountCents,
              currency: input.currency.toLowerCase(),
              payment_method: input.token,
              confirm: true,
              capture_method: config.captureMethod,
              description: input.description,
              metadata: { reference: input.reference },
              automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
              expand,
            },
            { idempotencyKey: input.idempotencyKey },
          ),
        ),
      );
    },
    // After the shopper authenticated with Stripe.js, the intent has moved on: read where it is.
    async confirm(payment) {
      return guard(async () =>
        outcomeOf(await stripe.paymentIntents.retrieve(payment.providerPaymentId!, { expand })),
      );
    },
    async capture(payment, idempotencyKey) {
      return guard(async () =>
        outcomeOf(
          await stripe.paymentIntents.capture(
            payment.providerPaymentId!,
            { amount_to_capture: payment.amountCents, expand },
            { idempotencyKey },
          ),
        ),
      );
    },
    async cancel(payment) {
      if (!payment.providerPaymentId) return;
      try {
        await stripe.paymentIntents.cancel(payment.providerPaymentId);
      } catch (err) {
        throw asProviderError(err);
      }
    },
    async refund(payment, amountCents, idempotencyKey) {
      try {
        const r = await stripe.refunds.create(
          {
            payment_intent: payment.providerPaymentId!,
            amount: amountCents,
            metadata: { reference: payment.reference },
          },
          { idempotencyKey },
        );
        return { providerRefundId: r.id };
      } catch (err) {
        throw asProviderError(err);
      }
    },
    async parseWebhook(raw, headers) {
      const signature = header(headers, 'stripe-signature');
      if (!signature) throw new WebhookSignatureError('missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(raw, signature, config.webhookSecret);
      } catch (err) {
        throw new WebhookSignatureError(err instanceof Error ? err.message : 'invalid signature');
      }
      return normalise(event);
    },
  };
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

function normalise(event: Stripe.Event): WebhookEvent {
  const base = { id: event.id, type: event.type };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = event.data.object;
      return {
        ...base,
        kind: 'succeeded',
        providerPaymentId: pi.id,
        reference: pi.metadata?.reference ?? null,
      };
    }
    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const err = pi.last_payment_error;
      return {
        ...base,
        kind: 'failed',
        providerPaymentId: pi.id,
        reference: pi.metadata?.reference ?? null,
        failure: {
          code: err?.decline_code ?? err?.code ?? 'payment_failed',
          message: err?.message ?? 'Payment failed',
        },
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      return {
        ...base,
        kind: 'refunded',
        providerPaymentId: idOf(charge.payment_intent),
        refundedTotalCents: charge.amount_refunded,
      };
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      return {
        ...base,
        kind: 'dispute_opened',
        providerPaymentId: idOf(dispute.payment_intent),
        reason: dispute.reason,
      };
    }
    default:
      return { ...base, kind: 'other', providerPaymentId: null };
  }
}
