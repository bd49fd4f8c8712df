import {
  header,
  ProviderError,
  WebhookSignatureError,
  type PaymentProvider,
  type ProviderOutcome,
  type ProviderPayment,
  type WebhookEvent,
} from './types.js';

export type PaypalConfig = {
  clientId: string;
  clientSecret: string;
  webhookId: string;
  /** https://api-m.paypal.com, https://api-m.sandbox.paypal.com, or a local server in tests. */
  apiBase: string;
  returnUrl: string;
};

/** PayPal speaks decimal strings; we keep minor units and convert only at the edge. */
const decimals = (currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
  2;
export const toPaypalAmount = (cents: number, currency: string) =>
  (cents / 10 ** decimals(currency)).toFixed(decimals(currency));
export const fromPaypalAmount = (value: string, currency: string) => {
  const d = decimals(currency);
  const [whole, frac = ''] = value.split('.');
  return Number(whole) * 10 ** d + Number((frac + '0'.repeat(d)).slice(0, d) || 0);
};

type PaypalOrder = {
  id: string;
  status: string;
  links?: { href: string; rel: string }[];
  purchase_units?: {
    custom_id?: string;
    amount?: { value: string; currency_code: string };
    payments?: {
      captures?: { id: string; status: string; amount: { value: string; currency_code: string } }[];
    };
  }[];
};

/**
 * PayPal Orders v2 over fetch: OAuth client credentials, create → buyer approves → capture,
 * refunds on the capture, webhooks verified by PayPal's verify-webhook-signature API.
 */
export function paypalProvider(config: PaypalConfig): PaymentProvider {
  const base = config.apiBase.replace(/\/$/, '');
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken() {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value;
    const res = await send('/v1/oauth2/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return token.value;
  }

  async function send(path: string, init: RequestInit) {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
    } catch (err) {
      throw new ProviderError('paypal', `unreachable (${err instanceof Error ? err.message : String(err)})`);
    }
    if (res.status >= 500 || res.status === 401 || res.status === 403)
      throw new ProviderError('paypal', `HTTP ${res.status} on ${path}`);
    return res;
  }

  async function api<T>(method: string, path: string, body?: unknown, requestId?: string) {
    const res = await send(path, {
      method,
      headers: {
        authorization: `Bearer ${await accessToken()}`,
        'content-type': 'application/json',
        ...(requestId ? { 'paypal-request-id': requestId } : {}),
        prefer: 'return=representation',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & {
      name?: string;
      message?: string;
      details?: { issue: string }[];
    };
    return { status: res.status, body: json };
  }

  const outcomeOf = (order: PaypalOrder): ProviderOutcome => {
    const capture = order.purchase_units?.[0]?.payments?.captures?.[0];
    const response = { order_id: order.id, status: order.status, capture_id: capture?.id ?? null };
    if (order.status === 'COMPLETED' && capture?.status === 'COMPLETED')
      return { status: 'completed', providerPaymentId: order.id, response };
    if (order.status === 'COMPLETED' && capture?.status === 'PENDING')
      return { status: 'processing', providerPaymentId: order.id, response };
    if (order.status === 'COMPLETED')
      return {
        status: 'failed',
        providerPaymentId: order.id,
        response,
        failure: { code: 'capture_declined', message: 'PayPal declined the capture' },
      };
    const approve = order.links?.find((l) => l.rel === 'approve' || l.rel === 'payer-action')?.href;
    return {
      status: 'pending',
      providerPaymentId: order.id,
      response,
      nextAction: { type: 'redirect', message: 'Approve the payment at PayPal, then confirm', url: approve },
    };
  };

  async function captureOrder(orderId: string, requestId: string): Promise<ProviderOutcome> {
    const res = await api<PaypalOrder>(
      'POST',
      `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`,
      {},
      requestId,
    );
    if (res.status === 422) {
      const issue = res.body.details?.[0]?.issue ?? 'UNPROCESSABLE_ENTITY';
      return {
        status: 'failed',
        providerPaymentId: orderId,
        response: { issue },
        failure: { code: issue.toLowerCase(), message: res.body.message ?? 'PayPal refused the capture' },
      };
    }
    if (res.status >= 400) throw new ProviderError('paypal', `capture failed (HTTP ${res.status})`);
    return outcomeOf(res.body);
  }

  const captureIdOf = (p: ProviderPayment) => {
    const id = p.providerResponse?.capture_id;
    if (typeof id !== 'string') throw new ProviderError('paypal', 'payment has no capture to refund');
    return id;
  };

  return {
    name: 'paypal',
    displayName: 'PayPal',
    needsCard: false,
    acceptsToken: true,
    clientConfig: () => ({
      client_id: config.clientId,
      flow: 'redirect',
      token: 'optional: an approved PayPal order id',
    }),
    async create(input) {
      // An order the client already created and the buyer approved (PayPal JS SDK): check it is ours, then capture.
      if (input.token) {
        const res = await api<PaypalOrder>('GET', `/v2/checkout/orders/${encodeURIComponent(input.token)}`);
        if (res.status === 404)
          return {
            status: 'failed',
            providerPaymentId: null,
            response: {},
            failure: { code: 'unknown_order', message: 'No such PayPal order' },
          };
        const amount = res.body.purchase_units?.[0]?.amount;
        if (
          !amount ||
          amount.currency_code !== input.currency ||
          fromPaypalAmount(amount.value, amount.currency_code) !== input.amountCents
        )
          return {
            status: 'failed',
            providerPaymentId: null,
            response: { order_id: input.token },
            failure: { code: 'amount_mismatch', message: 'The PayPal order is not for this amount' },
          };
        return captureOrder(input.token, input.idempotencyKey);
      }
      const res = await api<PaypalOrder>(
        'POST',
        '/v2/checkout/orders',
        {
          intent: 'CAPTURE',
          purchase_units: [
            {
              reference_id: input.reference,
              custom_id: input.reference,
              description: input.description,
              amount: {
                currency_code: input.currency,
                value: toPaypalAmount(input.amountCents, input.currency),
              },
            },
          ],
          payment_source: {
            paypal: {
              experience_context: {
                return_url: config.returnUrl,
                cancel_url: config.returnUrl,
                user_action: 'PAY_NOW',
              },
            },
          },
        },
        input.idempotencyKey,
      );
      if (res.status >= 400) throw new ProviderError('paypal', `create order failed (HTTP ${res.status})`);
      return outcomeOf(res.body);
    },
    async confirm(payment) {
      return captureOrder(payment.providerPaymentId!, `${payment.reference}-capture`);
    },
    async capture(payment, idempotencyKey) {
      return captureOrder(payment.providerPaymentId!, idempotencyKey);
    },
    // An unapproved PayPal order simply expires; there is nothing to void.
    async cancel() {},
    async refund(payment, amountCents, idempotencyKey) {
      const res = await api<{ id: string; status: string }>(
        'POST',
        `/v2/payments/captures/${encodeURIComponent(captureIdOf(payment))}/refund`,
        { amount: { value: toPaypalAmount(amountCents, payment.currency), currency_code: payment.currency } },
        idempotencyKey,
      );
      if (res.status >= 400) throw new ProviderError('paypal', `refund failed (HTTP ${res.status})`);
      return { providerRefundId: res.body.id };
    },
    async parseWebhook(raw, headers) {
      let event: { id: string; event_type: string; resource: Record<string, unknown> };
      try {
        event = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new WebhookSignatureError('body is not JSON');
      }
      const names = [
        'transmission-id',
        'transmission-time',
        'transmission-sig',
        'cert-url',
        'auth-algo',
      ] as const;
      const h = Object.fromEntries(names.map((n) => [n, header(headers, `paypal-${n}`)]));
      if (names.some((n) => !h[n])) throw new WebhookSignatureError('missing PayPal transmission headers');
      // PayPal checks the signature over the exact body it sent; the event is passed as received.
      const res = await send('/v1/notifications/verify-webhook-signature', {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
        body: `{"auth_algo":${JSON.stringify(h['auth-algo'])},"cert_url":${JSON.stringify(h['cert-url'])},"transmission_id":${JSON.stringify(h['transmission-id'])},"transmission_sig":${JSON.stringify(h['transmission-sig'])},"transmission_time":${JSON.stringify(h['transmission-time'])},"webhook_id":${JSON.stringify(config.webhookId)},"webhook_event":${raw.toString('utf8')}}`,
      });
      const verdict = (await res.json().catch(() => ({}))) as { verification_status?: string };
      if (verdict.verification_status !== 'SUCCESS')
        throw new WebhookSignatureError('PayPal did not verify the signature');
      return normalise(event);
    },
  };
}

function normalise(event: {
  id: string;
  event_type: string;
  resource: Record<string, unknown>;
}): WebhookEvent {
  const r = event.resource as {
    id?: string;
    custom_id?: string;
    amount?: { value: string; currency_code: string };
    supplementary_data?: { related_ids?: { order_id?: string } };
    seller_payable_breakdown?: { total_refunded_amount?: { value: string; currency_code: string } };
    reason?: string;
    disputed_transactions?: { custom?: string; seller_transaction_id?: string }[];
  };
  const base = { id: event.id, type: event.event_type };
  const orderId = r.supplementary_data?.related_ids?.order_id ?? null;
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED':
      return { ...base, kind: 'succeeded', providerPaymentId: orderId, reference: r.custom_id ?? null };
    case 'PAYMENT.CAPTURE.DENIED':
    case 'PAYMENT.CAPTURE.DECLINED':
      return {
        ...base,
        kind: 'failed',
        providerPaymentId: orderId,
        reference: r.custom_id ?? null,
        failure: { code: 'capture_denied', message: 'PayPal denied the capture' },
      };
    case 'PAYMENT.CAPTURE.REFUNDED': {
      const total = r.seller_payable_breakdown?.total_refunded_amount;
      return {
        ...base,
        kind: 'refunded',
        providerPaymentId: orderId,
        reference: r.custom_id ?? null,
        refundedTotalCents: total ? fromPaypalAmount(total.value, total.currency_code) : undefined,
      };
    }
    case 'CUSTOMER.DISPUTE.CREATED':
      return {
        ...base,
        kind: 'dispute_opened',
        providerPaymentId: null,
        reference: r.disputed_transactions?.[0]?.custom ?? null,
        reason: r.reason,
      };
    default:
      return { ...base, kind: 'other', providerPaymentId: null };
  }
}
