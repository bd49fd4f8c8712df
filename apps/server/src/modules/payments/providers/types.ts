/** What the checkout hands a provider for a card payment (never stored). */
export type CardInput = { number: string; expMonth: number; expYear: number; cvc: string };

export type ProviderOutcome = {
  /**
   * `authorized`: the money is held but not captured yet (manual capture); the payments service
   * captures it once the order may proceed, or voids it.
   */
  status: 'completed' | 'authorized' | 'pending' | 'processing' | 'failed';
  providerPaymentId: string | null;
  card?: { brand: string; last4: string; expMonth: number; expYear: number };
  /** The shopper must do something (e.g. authenticate the card, approve at PayPal) first. */
  nextAction?: { type: string; message: string; url?: string };
  failure?: { code: string; message: string };
  /** Safe to store: no card number, no secrets. */
  response: Record<string, unknown>;
};

export type ProviderPayment = {
  id?: string;
  reference: string;
  providerPaymentId: string | null;
  amountCents: number;
  capturedCents: number;
  currency: string;
  providerResponse?: Record<string, unknown> | null;
};

/** A verified provider event, normalised. Amounts are minor units. */
export type WebhookEvent = {
  id: string;
  /** The provider's own event name (payment_intent.succeeded, PAYMENT.CAPTURE.COMPLETED…). */
  type: string;
  kind: 'succeeded' | 'failed' | 'refunded' | 'dispute_opened' | 'other';
  providerPaymentId: string | null;
  /** Our payment reference when the provider echoes it back (metadata, custom_id). */
  reference?: string | null;
  /** For `refunded`: the total refunded on the payment so far (cumulative, so order does not matter). */
  refundedTotalCents?: number;
  failure?: { code: string; message: string };
  reason?: string;
};

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** One interface for every way to pay (PAY-1). */
export interface PaymentProvider {
  readonly name: string;
  readonly displayName: string;
  /** What a client needs to render this method (publishable keys, test cards…). */
  clientConfig(): Record<string, unknown>;
  /** What the checkout body must carry: a card (sandbox), a provider token (Stripe), or nothing. */
  readonly needsCard: boolean;
  readonly acceptsToken?: boolean;
  create(input: {
    reference: string;
    amountCents: number;
    currency: string;
    card?: CardInput;
    /** A provider-side payment method or approval (Stripe pm_…, PayPal order id). */
    token?: string;
    description: string;
    /** Stable per attempt: a retried call must not charge twice. */
    idempotencyKey: string;
  }): Promise<ProviderOutcome>;
  /** Completes a payment waiting on the shopper (e.g. card authentication, PayPal approval). */
  confirm(payment: ProviderPayment): Promise<ProviderOutcome>;
  /** Captures an authorized payment (manual capture). */
  capture?(payment: ProviderPayment, idempotencyKey: string): Promise<ProviderOutcome>;
  /** Voids a payment that has not been captured. */
  cancel(payment: ProviderPayment): Promise<void>;
  refund(
    payment: ProviderPayment,
    amountCents: number,
    idempotencyKey: string,
  ): Promise<{ providerRefundId: string }>;
  /** Verifies the signature over the raw body and normalises the event; throws WebhookSignatureError. */
  parseWebhook?(raw: Buffer, headers: Record<string, string | string[] | undefined>): Promise<WebhookEvent>;
}

/** The provider could not be reached or failed: the caller's transaction must roll back. */
export class ProviderError extends Error {
  constructor(
    public readonly provider: string,
    message: string,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderError';
  }
}

export const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
