import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture, type Shopper } from '../../test/commerce.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';

/** JOB-8: the daily sales report (job, storage per day, series for charts) through HTTP. */

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
let admin: string;
let staffToken: string;

const CARD = {
  number: '4242 4242 4242 4242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};
const api = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown, headers = {}) =>
  call(t.app, method, `/api/v1${url}`, { token, body, headers });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const YESTERDAY = day(-1);
const TODAY = day(0);

async function order(u: Shopper, lines: [string, number][], method: 'sandbox' | 'cod' = 'sandbox') {
  for (const [variantId, quantity] of lines) {
    const res = await api('POST', '/cart/items', u.token, { variant_id: variantId, quantity });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
  await api('PUT', '/cart/location', u.token, { postal_code: f.postalCode });
  const res = await api(
    'POST',
    '/orders/checkout',
    u.token,
    { payment_method: method, ...(method === 'sandbox' ? { card: CARD } : {}) },
    { 'idempotency-key': randomUUID() },
  );
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; status: string; totals: { total_cents: number } };
}
/** Moves orders back in time, as if they had been placed on an earlier day. */
const placedOn = (ids: string[], d: string) =>
  t.database.pool.query(`update orders set created_at = $2::date + time '12:00' where id = any($1)`, [
    ids,
    d,
  ]);
const storedDays = async () =>
  (await t.database.pool.query(`select day::text as day, orders from daily_sales order by day`)).rows as {
    day: string;
    orders: number;
  }[];

let fruit: { id: string };
let apple: { variantId: string; productId: string };
let milk: { variantId: string; productId: string };
let paid: { id: string; status: string; totals: { total_cents: number } }[];

beforeAll(async () => {
  t = await createTestApp();
  f = await commerceFixture(t);
  admin = (await signedIn(t, 'admin')).token;
  staffToken = f.staff;
  fruit = (await api('POST', '/admin/categories', f.staff, { name: `Fruit ${randomUUID().slice(0, 6)}` }))
    .body;
  apple = await f.product({ price: 1299, stock: 100, categoryId: fruit.id, name: 'Apple' });
  milk = await f.product({ price: 450, stock: 100, name: 'Milk' });
  const [a, b, c] = [await f.shopper(), await f.shopper(), await f.shopper()];
  paid = [
    await order(a, [[apple.variantId, 2]]),
    await order(b, [
      [apple.variantId, 1],
      [milk.variantId, 3],
    ]),
  ];
  expect(paid.map((o) => o.status)).toEqual(['confirmed', 'confirmed']);
  const cancelled = await order(c, [[milk.variantId, 5]]);
  expect(
    (await api('POST', `/orders/${cancelled.id}/cancel`, c.token, { reason: 'changed my mind' })).status,
  ).toBe(200);
  await placedOn([...paid.map((o) => o.id), cancelled.id], YESTERDAY);
});
afterAll(async () => t?.close());

describe('daily sales report (JOB-8)', () => {
  it('computes a missing past day on demand, stores it, and serves the stored day afterwards', async () => {
    const res = await api('GET', `/reports/sales?from=${YESTERDAY}&to=${YESTERDAY}`, staffToken);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.computed_now).toEqual([YESTERDAY]);
    expect(res.body.missing).toEqual([]);
    const revenue = paid.reduce((n, o) => n + o.totals.total_cents, 0);
    const [d] = res.body.days;
    expect(d).toMatchObject({
      day: YESTERDAY,
      orders: 2,
      revenue_cents: revenue,
      average_order_cents: Math.round(revenue / 2),
      units: 6,
      partial: false,
    });
    expect(d.top_products.map((p: { name: string; units: number }) => [p.name, p.units])).toEqual([
      ['Apple', 3],
      ['Milk', 3],
    ]);
    expect(d.by_category).toHaveLength(2);
    expect(d.by_category.find((c: { category_id: string }) => c.category_id === fruit.id)).toMatchObject({
      units: 3,
      revenue_cents: d.top_products[0].revenue_cents,
    });
    expect(d.by_payment_method).toEqual([{ method: 'sandbox', orders: 2, revenue_cents: revenue }]);
    expect(res.body.totals).toMatchObject({ orders: 2, revenue_cents: revenue, units: 6 });

    const again = await api('GET', `/reports/sales?from=${YESTERDAY}&to=${YESTERDAY}`, staffToken);
    expect(again.body.computed_now).toEqual([]);
    expect(again.body.days[0].computed_at).toBe(d.computed_at);
    expect(await storedDays()).toEqual([{ day: YESTERDAY, orders: 2 }]);
  });

  it('the job recomputes a range idempotently: one row per day, replaced not added to', async () => {
    const late = await order(await f.shopper(), [[milk.variantId, 1]], 'sandbox');
    await placedOn([late.id], YESTERDAY);
    const from = day(-3);
    const res = await api('POST', '/admin/jobs', admin, {
      type: 'reports__daily_sales',
      params: { from, to: YESTERDAY },
    });
    expect(res.status).toBe(202);
    await t.drain();
    const job = (await api('GET', `/admin/jobs/${res.body.id}`, admin)).body;
    expect(job).toMatchObject({
      status: 'completed',
      progress: 100,
      result: { from, to: YESTERDAY, days: 3 },
    });
    // Run twice: still one row per day.
    await api('POST', '/admin/jobs', admin, {
      type: 'reports__daily_sales',
      params: { from, to: YESTERDAY },
    });
    await t.drain();
    expect(await storedDays()).toEqual([
      { day: day(-3), orders: 0 },
      { day: day(-2), orders: 0 },
      { day: YESTERDAY, orders: 3 },
    ]);
  });

  it('with no range the job reports yesterday (the nightly run)', async () => {
    const res = await api('POST', '/admin/jobs', admin, { type: 'reports__daily_sales' });
    expect(res.status).toBe(202);
    expect(res.body.params).toEqual({ from: YESTERDAY, to: YESTERDAY });
    await t.drain();
    expect((await api('GET', `/admin/jobs/${res.body.id}`, admin)).body.status).toBe('completed');
  });

  it('today is computed live, marked partial and not stored', async () => {
    await order(await f.shopper(), [[apple.variantId, 1]]);
    const res = await api('GET', `/reports/sales?from=${YESTERDAY}&to=${TODAY}`, staffToken);
    expect(res.status).toBe(200);
    expect(res.body.days.map((d: { day: string; partial: boolean }) => [d.day, d.partial])).toEqual([
      [YESTERDAY, false],
      [TODAY, true],
    ]);
    expect(res.body.days[1]).toMatchObject({ orders: 1, units: 1 });
    expect((await storedDays()).map((d) => d.day)).not.toContain(TODAY);
  });

  it('a long gap is computed up to a limit and the rest listed as missing', async () => {
    const from = day(-100);
    const res = await api('GET', `/reports/sales?from=${from}&to=${day(-5)}`, staffToken);
    expect(res.status).toBe(200);
    expect(res.body.computed_now).toHaveLength(62);
    expect(res.body.missing).toHaveLength(96 - 62);
    expect(res.body.days).toHaveLength(62);
  });

  it('refuses bad ranges and non-staff', async () => {
    const bad = async (qs: string, field: string) => {
      const res = await api('GET', `/reports/sales?${qs}`, staffToken);
      expect(res.status, qs).toBe(422);
      expect(res.body.errors[0].field).toBe(field);
    };
    await bad(`from=${TODAY}&to=${YESTERDAY}`, 'querystring.to');
    await bad(`from=2026-02-30&to=${TODAY}`, 'querystring.from');
    await bad(`from=yesterday&to=${TODAY}`, 'querystring.from');
    await bad(`to=${TODAY}`, 'querystring.from');
    await bad(`from=${day(2)}&to=${day(3)}`, 'querystring.from');
    await bad(`from=2020-01-01&to=${TODAY}`, 'querystring.to');
    const shopper = await f.shopper();
    expect((await api('GET', `/reports/sales?from=${YESTERDAY}&to=${TODAY}`, shopper.token)).status).toBe(
      403,
    );
    expect((await api('GET', `/reports/sales?from=${YESTERDAY}&to=${TODAY}`)).status).toBe(401);
    const badJob = await api('POST', '/admin/jobs', admin, {
      type: 'reports__daily_sales',
      params: { from: TODAY, to: YESTERDAY },
    });
    expect(badJob.status).toBe(422);
    expect(badJob.body.errors[0].field).toBe('body.params.to');
  });
});
