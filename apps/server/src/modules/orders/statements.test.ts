import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture, type Shopper } from '../../test/commerce.js';
import { call, createTestApp, type TestApp } from '../../test/harness.js';

/**
 * SQL statements per request on the hot commerce paths (OPS-9), counted on the wire: every query
 * any pg client of this process sends while the request runs (the worker is off in tests, so
 * nothing else talks). Upper bounds catch a regression that adds round trips;
 * `STATEMENTS_LOG=1` prints each statement (`docs/benchmarks.md` quotes these counts).
 */

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
let recording: string[] | undefined;

const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;

beforeAll(async () => {
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    recording?.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
    return original.apply(this, args);
  };
  t = await createTestApp();
  f = await commerceFixture(t);
});
afterAll(async () => {
  proto.query = original;
  await t?.close();
});

const CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};

/** Runs `fn`, returning its result and the statements it sent (printed with STATEMENTS_LOG=1). */
async function counted<T>(label: string, fn: () => Promise<T>) {
  recording = [];
  try {
    const result = await fn();
    const statements = recording;
    if (process.env.STATEMENTS_LOG)
      console.log(
        `${label}: ${statements.length} statements\n` +
          statements.map((s, i) => `  ${i + 1}. ${s.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n'),
      );
    return { result, statements };
  } finally {
    recording = undefined;
  }
}

const addItem = (u: Shopper, variantId: string) =>
  call(t.app, 'POST', '/api/v1/cart/items', {
    token: u.token,
    body: { variant_id: variantId, quantity: 1 },
  });

describe('statements per request (OPS-9)', () => {
  it('add to cart and a 3-item sandbox-card checkout stay within their statement budgets', async () => {
    const u = await f.shopper();
    const items = [await f.product(), await f.product(), await f.product()];
    await addItem(u, items[0]!.variantId);
    await addItem(u, items[1]!.variantId);
    await t.drain(); // the sign-up emails: only the checkout's own jobs are counted below
    // The bench's shape: a new line in an existing cart, no store chosen yet.
    const add = await counted('add to cart', () => addItem(u, items[2]!.variantId));
    expect(add.result.status).toBe(200);

    const checkout = await counted('checkout', () =>
      call(t.app, 'POST', '/api/v1/orders/checkout', {
        token: u.token,
        body: { payment_method: 'sandbox', card: CARD },
        headers: { 'idempotency-key': randomUUID() },
      }),
    );
    expect(checkout.result.status, JSON.stringify(checkout.result.body)).toBe(201);
    expect(checkout.result.body.status).toBe('confirmed');

    // What the worker then does for the order: its confirmation email and the order job (a
    // one-shot drain also checks the queue's schema and task names first: 4 statements).
    const jobs = await counted('jobs of the checkout', () => t.drain());

    // Before OPS-9: 15, 62 and 24 (the same jobs).
    expect(add.statements.length).toBeLessThanOrEqual(9);
    expect(checkout.statements.length).toBeLessThanOrEqual(31);
    expect(jobs.statements.length).toBeLessThanOrEqual(24);
  });
});
