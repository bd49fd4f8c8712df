import { randomUUID } from 'node:crypto';
import type { commerceFixture, Shopper } from './commerce.js';
import { call, type TestApp } from './harness.js';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from '../modules/payments/providers/sandbox.js';

/** Shared by the payments test files: shoppers who fill a cart and check out through the HTTP API. */
export const CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};
export const card = (number: string) => ({ ...CARD, number });
/** Tests set SANDBOX_WEBHOOK_SECRET to this, so they can sign events the way the sandbox does. */
export const SANDBOX_SECRET = 'sandbox-webhook-secret-for-tests';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function kit(get: () => { t: TestApp; f: Awaited<ReturnType<typeof commerceFixture>> }) {
  const api = (
    method: Method,
    url: string,
    token?: string,
    body?: unknown,
    opts: { headers?: Record<string, string>; ip?: string } = {},
  ) => call(get().t.app, method, `/api/v1${url}`, { token, body, headers: opts.headers, ip: opts.ip });

  async function fill(u: Shopper, variantId: string, quantity = 1) {
    const res = await api('POST', '/cart/items', u.token, { variant_id: variantId, quantity });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }

  /** Fills the cart with `quantity` of a fresh product and checks out. */
  async function order(
    u: Shopper,
    body: Record<string, unknown> = {},
    opts: { price?: number; quantity?: number; ip?: string; stock?: number } = {},
  ) {
    const p = await get().f.product({ price: opts.price ?? 1000, stock: opts.stock ?? 20 });
    await fill(u, p.variantId, opts.quantity ?? 1);
    const res = await api(
      'POST',
      '/orders/checkout',
      u.token,
      { payment_method: 'sandbox', card: CARD, ...body },
      { headers: { 'idempotency-key': randomUUID() }, ip: opts.ip },
    );
    return { res, product: p };
  }

  const count = async (sqlText: string, params: unknown[] = []) =>
    Number((await get().t.database.pool.query(sqlText, params)).rows[0].n);

  /** Posts a sandbox event signed with the app's own secret (or a wrong one), as the processor would. */
  async function sandboxWebhook(
    event: unknown,
    opts: { secret?: string; tamper?: (raw: string) => string } = {},
  ) {
    const raw = JSON.stringify(event);
    const secret = opts.secret ?? SANDBOX_SECRET;
    const sent = opts.tamper ? opts.tamper(raw) : raw;
    return api('POST', '/payments/webhooks/sandbox', undefined, sent, {
      headers: {
        'content-type': 'application/json',
        [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(secret, raw),
      },
    });
  }

  return { api, fill, order, count, sandboxWebhook };
}
