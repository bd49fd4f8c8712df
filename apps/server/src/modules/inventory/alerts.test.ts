import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../platform/queue.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';
import { lowStockCheckJob } from './jobs.js';
import type { InventoryService } from './service.js';

/** Low-stock alerts and list (INV-6), the summary report (INV-8), and products.in_stock (CAT-5/6). */

let t: TestApp;
let staff: { token: string; email: string; id: string };
let adminUser: { token: string; email: string };
let customer: { token: string; email: string };
let inv: InventoryService;

beforeAll(async () => {
  t = await createTestApp();
  staff = await signedIn(t, 'staff');
  adminUser = await signedIn(t, 'admin');
  customer = await signedIn(t);
  inv = t.app.services.inventory;
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH';
const api = (method: Method, url: string, body?: unknown, token?: string) =>
  call(t.app, method, `/api/v1${url}`, { body, token });
const admin = (method: Method, url: string, body?: unknown) => api(method, `/admin${url}`, body, staff.token);

let seq = 0;
const unique = () => `${Date.now().toString(36)}${seq++}`.toUpperCase();

async function makeWarehouse() {
  const res = await admin('POST', '/warehouses', {
    code: `WH-${unique()}`,
    name: 'Dark store',
    address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'US' },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; code: string };
}

/** A real active catalog product; with `sizes`, one variant per size. */
async function makeProduct(opts: { price?: number; sizes?: string[]; name?: string } = {}) {
  const cat = await admin('POST', '/categories', { name: `Cat ${unique()}` });
  const sku = `ALR-${unique()}`;
  const res = await admin('POST', '/products', {
    name: opts.name ?? `Product ${unique()}`,
    sku,
    category_id: cat.body.id,
    price_cents: opts.price ?? 250,
    status: 'active',
    ...(opts.sizes
      ? {
          options: [{ name: 'size', values: opts.sizes }],
          variants: opts.sizes.map((s) => ({
            sku: `${sku}-${s}`,
            name: s,
            options: { size: s },
            price_cents: opts.price ?? 250,
          })),
        }
      : {}),
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const variants = res.body.variants as { id: string; sku: string }[];
  return { id: res.body.id as string, variants, v: variants[0]!.id, sku: variants[0]!.sku };
}

const restock = (warehouseId: string, variantId: string, quantity: number) =>
  inv.restock({ warehouseId, variantId, quantity });
const reserve = (warehouseId: string, variantId: string, quantity = 1) =>
  t.database.db.transaction((tx) =>
    inv.reserve(tx, { warehouseId, items: [{ variantId, quantity }], reference: { type: 'order', id: 'o' } }),
  );
const release = (warehouseId: string, variantId: string, quantity: number) =>
  t.database.db.transaction((tx) => inv.release(tx, { warehouseId, items: [{ variantId, quantity }] }));

/** Low-stock emails to an address that mention this SKU, oldest first. */
async function alertMails(to: string, sku: string) {
  const { rows } = await t.database.pool.query(
    `select subject, text from mail_outbox
      where "to" = $1 and template = 'inventory_low_stock' and text like $2 order by created_at`,
    [to, `%${sku}%`],
  );
  return rows as { subject: string; text: string }[];
}

async function alertState(warehouseId: string, variantId: string) {
  const { rows } = await t.database.pool.query(
    'select alert_state from stock_levels where warehouse_id = $1 and variant_id = $2',
    [warehouseId, variantId],
  );
  return rows[0]?.alert_state as string | undefined;
}

describe('low-stock alerts (INV-6)', () => {
  it('emails staff once per crossing, not once per sale', async () => {
    const w = await makeWarehouse();
    const p = await makeProduct();
    await restock(w.id, p.v, 20); // threshold 5 by default

    // 19 concurrent checkouts: the row enters "low" once (at 5 available) and stays there.
    const results = await Promise.allSettled(Array.from({ length: 19 }, () => reserve(w.id, p.v)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    await t.drain();
    let mails = await alertMails(staff.email, p.sku);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Low stock: ${p.sku} at ${w.code}`);
    expect(mails[0]!.text).toContain('5 available (threshold 5)');
    // Every active staff member and admin hears it; customers never do.
    expect(await alertMails(adminUser.email, p.sku)).toHaveLength(1);
    expect(await alertMails(customer.email, p.sku)).toHaveLength(0);

    // Selling the last unit is a second crossing: out of stock.
    await reserve(w.id, p.v);
    await t.drain();
    mails = await alertMails(staff.email, p.sku);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe(`Out of stock: ${p.sku} at ${w.code}`);
    expect(await alertState(w.id, p.v)).toBe('out');

    // Back above the threshold clears the state silently; dropping again alerts again.
    await release(w.id, p.v, 20);
    expect(await alertState(w.id, p.v)).toBe('none');
    await t.drain();
    expect(await alertMails(staff.email, p.sku)).toHaveLength(2);
    for (let i = 0; i < 16; i++) await reserve(w.id, p.v);
    await t.drain();
    mails = await alertMails(staff.email, p.sku);
    expect(mails).toHaveLength(3);
    expect(mails[2]!.subject).toBe(`Low stock: ${p.sku} at ${w.code}`);
  });

  it('alerts when a threshold change (bulk) puts a row below it, once', async () => {
    const w = await makeWarehouse();
    const p = await makeProduct();
    await restock(w.id, p.v, 30);
    const bulk = () =>
      admin('POST', '/inventory/bulk', {
        rows: [{ warehouse_id: w.id, variant_id: p.v, low_stock_threshold: 40 }],
      });
    expect((await bulk()).body.updated).toBe(1);
    expect((await bulk()).body.unchanged).toBe(1);
    await t.drain();
    const mails = await alertMails(staff.email, p.sku);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('30 available (threshold 40)');
    const row = await admin('GET', `/inventory?warehouse_id=${w.id}`);
    expect(row.body.items[0]).toMatchObject({ alert_state: 'low', low_stock_threshold: 40 });
  });

  it('the scheduled check catches rows changed behind the service, still once per crossing', async () => {
    const w = await makeWarehouse();
    const p = await makeProduct();
    await restock(w.id, p.v, 50);
    const check = async () => {
      await enqueue(t.database.db, lowStockCheckJob, {});
      await t.drain();
      await t.drain(); // the alert job the check enqueued, then its emails
    };
    // A bulk SQL import: no movement through `apply`, so nothing alerted yet.
    const sqlSet = (onHand: number) =>
      t.database.pool.query(
        'update stock_levels set on_hand = $1 where warehouse_id = $2 and variant_id = $3',
        [onHand, w.id, p.v],
      );
    await sqlSet(0);
    await t.drain();
    expect(await alertMails(staff.email, p.sku)).toHaveLength(0);

    await check();
    let mails = await alertMails(staff.email, p.sku);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Out of stock: ${p.sku} at ${w.code}`);
    await check();
    expect(await alertMails(staff.email, p.sku)).toHaveLength(1);

    await sqlSet(80);
    await check();
    expect(await alertState(w.id, p.v)).toBe('none');
    await sqlSet(3);
    await check();
    mails = await alertMails(staff.email, p.sku);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe(`Low stock: ${p.sku} at ${w.code}`);
    // The check ran as a monitored job.
    const { rows } = await t.database.pool.query(
      `select status, result from jobs where type = 'inventory__low_stock_check' order by created_at desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ status: 'completed', result: { alerted: expect.any(Number) } });
  });
});

describe('low-stock list (INV-6)', () => {
  it('lists low and out-of-stock rows of a warehouse, out first, with SKUs and names', async () => {
    const w = await makeWarehouse();
    const [a, b, c] = [await makeProduct(), await makeProduct(), await makeProduct()];
    await restock(w.id, a.v, 3); // low
    await restock(w.id, b.v, 2);
    await reserve(w.id, b.v, 2); // out: nothing available
    await restock(w.id, c.v, 50); // fine
    const res = await admin('GET', `/inventory/low-stock?warehouse_id=${w.id}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { sku: string }) => i.sku)).toEqual([b.sku, a.sku]);
    expect(res.body.items[0]).toMatchObject({
      warehouse_code: w.code,
      product_id: b.id,
      on_hand: 2,
      reserved: 2,
      available: 0,
      level: 'out',
      alert_state: 'out',
    });
    expect(res.body.items[1]).toMatchObject({ level: 'low', available: 3, low_stock_threshold: 5 });

    const out = await admin('GET', `/inventory/low-stock?warehouse_id=${w.id}&level=out`);
    expect(out.body.items.map((i: { variant_id: string }) => i.variant_id)).toEqual([b.v]);
    const low = await admin('GET', `/inventory/low-stock?warehouse_id=${w.id}&level=low`);
    expect(low.body.items.map((i: { variant_id: string }) => i.variant_id)).toEqual([a.v]);
    const paged = await admin('GET', `/inventory/low-stock?warehouse_id=${w.id}&per_page=1&page=2`);
    expect(paged.body).toMatchObject({ total: 2, total_pages: 2, page: 2 });
    expect(paged.body.items[0].variant_id).toBe(a.v);
    // Across warehouses: ours are in there.
    const all = await admin('GET', '/inventory/low-stock?per_page=100');
    expect(all.body.items.some((i: { variant_id: string }) => i.variant_id === b.v)).toBe(true);
  });

  it('refuses unknown warehouses, bad filters and non-staff', async () => {
    const unknown = await admin('GET', `/inventory/low-stock?warehouse_id=${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const badId = await admin('GET', '/inventory/low-stock?warehouse_id=nope');
    expect(badId.status).toBe(422);
    expect(badId.body.errors[0].field).toBe('querystring.warehouse_id');
    const badLevel = await admin('GET', '/inventory/low-stock?level=empty');
    expect(badLevel.status).toBe(422);
    expect(badLevel.body.errors[0].field).toBe('querystring.level');
    expect((await admin('GET', '/inventory/low-stock?page=0')).status).toBe(422);
    expect((await api('GET', '/admin/inventory/low-stock', undefined, customer.token)).status).toBe(403);
    expect((await api('GET', '/admin/inventory/low-stock')).status).toBe(401);
  });
});

describe('summary report (INV-8)', () => {
  it('totals units, value at price and cost, low and out counts, per warehouse', async () => {
    const w = await makeWarehouse();
    const other = await makeWarehouse();
    const a = await makeProduct({ price: 300 });
    const b = await makeProduct({ price: 1000 });
    const c = await makeProduct({ price: 50 });
    await restock(w.id, a.v, 10);
    await restock(w.id, b.v, 4); // low (≤ 5)
    await restock(w.id, c.v, 1);
    await reserve(w.id, c.v, 1); // out
    await reserve(w.id, a.v, 3);
    await t.database.db.transaction((tx) =>
      inv.commit(tx, { warehouseId: w.id, items: [{ variantId: a.v, quantity: 2 }] }),
    ); // a: on hand 8, reserved 1, committed 2
    await admin('POST', '/inventory/bulk', {
      rows: [{ warehouse_id: w.id, variant_id: a.v, unit_cost_cents: 120 }],
    });
    await restock(other.id, a.v, 7);

    const res = await admin('GET', `/inventory/summary?warehouse_id=${w.id}`);
    expect(res.status).toBe(200);
    const expected = {
      sku_rows: 3,
      skus: 3,
      on_hand: 8 + 4 + 1,
      reserved: 1 + 1,
      committed: 2,
      available: 7 + 4 + 0,
      low_stock_count: 1,
      out_of_stock_count: 1,
      value: [{ currency: 'USD', at_price_cents: 8 * 300 + 4 * 1000 + 1 * 50, at_cost_cents: 8 * 120 }],
      rows_without_cost: 2,
      rows_without_price: 0,
    };
    expect(res.body.warehouse_id).toBe(w.id);
    expect(res.body.totals).toEqual(expected);
    expect(res.body.warehouses).toEqual([
      { warehouse_id: w.id, code: w.code, name: 'Dark store', is_active: true, ...expected },
    ]);

    // Unfiltered: every warehouse listed, ours with the same numbers; a variant the catalog lacks is priceless.
    await restock(other.id, randomUUID(), 2);
    const all = await admin('GET', '/inventory/summary');
    expect(all.body.warehouse_id).toBeNull();
    const mine = all.body.warehouses.find((x: { warehouse_id: string }) => x.warehouse_id === w.id);
    expect(mine).toMatchObject(expected);
    const theirs = all.body.warehouses.find((x: { warehouse_id: string }) => x.warehouse_id === other.id);
    expect(theirs).toMatchObject({ sku_rows: 2, on_hand: 9, rows_without_price: 1 });
    expect(all.body.totals.on_hand).toBeGreaterThanOrEqual(13 + 9);

    const empty = await makeWarehouse();
    const none = await admin('GET', `/inventory/summary?warehouse_id=${empty.id}`);
    expect(none.body.totals).toMatchObject({ sku_rows: 0, on_hand: 0, value: [], low_stock_count: 0 });
  });

  it('refuses unknown warehouses, bad ids and non-staff', async () => {
    expect((await admin('GET', `/inventory/summary?warehouse_id=${randomUUID()}`)).status).toBe(404);
    const bad = await admin('GET', '/inventory/summary?warehouse_id=1');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('querystring.warehouse_id');
    expect((await api('GET', '/admin/inventory/summary', undefined, customer.token)).status).toBe(403);
    expect((await api('GET', '/admin/inventory/summary')).status).toBe(401);
  });

  it('validates unit costs on bulk rows', async () => {
    const w = await makeWarehouse();
    for (const unit_cost_cents of [-1, 1.5, 1e12, 'x']) {
      const res = await admin('POST', '/inventory/bulk', {
        rows: [{ warehouse_id: w.id, variant_id: randomUUID(), unit_cost_cents }],
      });
      expect(res.status, String(unit_cost_cents)).toBe(422);
      expect(res.body.errors[0].field).toBe('body.rows.0.unit_cost_cents');
    }
  });
});

describe('products.in_stock (CAT-5, CAT-6)', () => {
  const product = async (id: string) => (await api('GET', `/products/${id}`)).body as { in_stock: boolean };
  const searchInStock = async (name: string) =>
    (await api('GET', `/products?q=${encodeURIComponent(name)}&in_stock=true`)).body.items.map(
      (i: { id: string }) => i.id,
    );

  it('follows stock in any active store, for any variant, and shows through cached reads', async () => {
    const w = await makeWarehouse();
    const w2 = await makeWarehouse();
    const name = `Zesty Quokka ${unique()}`;
    const p = await makeProduct({ sizes: ['S', 'L'], name });
    const [s, l] = [p.variants[0]!.id, p.variants[1]!.id];
    expect((await product(p.id)).in_stock).toBe(true); // not tracked by inventory yet: catalog default

    await restock(w.id, s, 2);
    expect((await product(p.id)).in_stock).toBe(true);
    await inv.adjust({ warehouseId: w.id, variantId: s, set: 0, reason: 'count' });
    // Out of stock stays visible, marked; the in-stock filter leaves it out.
    expect((await product(p.id)).in_stock).toBe(false);
    const listed = await api('GET', `/products?q=${encodeURIComponent(name)}`);
    expect(listed.body.items.map((i: { id: string; in_stock: boolean }) => [i.id, i.in_stock])).toEqual([
      [p.id, false],
    ]);
    expect(await searchInStock(name)).toEqual([]);

    // Another variant in another store brings it back; selling it out takes it away.
    await restock(w2.id, l, 1);
    expect((await product(p.id)).in_stock).toBe(true);
    expect(await searchInStock(name)).toEqual([p.id]);
    await reserve(w2.id, l, 1);
    expect((await product(p.id)).in_stock).toBe(false);
    await release(w2.id, l, 1);
    expect((await product(p.id)).in_stock).toBe(true);

    // Closing the only store with stock makes it unavailable; reopening restores it.
    const closed = await admin('PATCH', `/warehouses/${w2.id}`, { is_active: false });
    expect(closed.status).toBe(200);
    expect((await product(p.id)).in_stock).toBe(false);
    await admin('PATCH', `/warehouses/${w2.id}`, { is_active: true });
    expect((await product(p.id)).in_stock).toBe(true);

    // Backorders count as available.
    await reserve(w2.id, l, 1);
    expect((await product(p.id)).in_stock).toBe(false);
    const bo = await admin('POST', '/inventory/bulk', {
      rows: [{ warehouse_id: w.id, variant_id: s, backorder_allowed: true }],
    });
    expect(bo.body.updated).toBe(1);
    expect((await product(p.id)).in_stock).toBe(true);
    // Turning backorders off while more is reserved than on hand is refused, not a 500.
    await reserve(w.id, s, 3);
    const off = await admin('POST', '/inventory/bulk', {
      rows: [{ warehouse_id: w.id, variant_id: s, backorder_allowed: false }],
    });
    expect(off.body.results[0]).toMatchObject({ status: 'failed', code: 'BELOW_RESERVED' });
  });

  it('stays right when the last units of two variants sell at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const w = await makeWarehouse();
      const p = await makeProduct({ sizes: ['S', 'L'] });
      const [s, l] = [p.variants[0]!.id, p.variants[1]!.id];
      await restock(w.id, s, 1);
      await restock(w.id, l, 1);
      await Promise.all([reserve(w.id, s), reserve(w.id, l)]);
      expect((await product(p.id)).in_stock).toBe(false);
      await Promise.all([release(w.id, s, 1), release(w.id, l, 1)]);
      expect((await product(p.id)).in_stock).toBe(true);
    }
  });

  it('recomputes the whole catalog on demand (the demo seed) and leaves untracked products alone', async () => {
    const w = await makeWarehouse();
    const stocked = await makeProduct();
    const empty = await makeProduct();
    const untracked = await makeProduct();
    await restock(w.id, stocked.v, 3);
    await restock(w.id, empty.v, 1);
    // Rows written without the service (as the seed does), then a full recompute.
    await t.database.pool.query('update stock_levels set on_hand = 0 where variant_id = $1', [empty.v]);
    await t.database.pool.query('update products set in_stock = true where id = $1', [empty.id]);
    const res = await inv.syncStockStatus();
    expect(res.changed).toBeGreaterThanOrEqual(1);
    expect((await product(stocked.id)).in_stock).toBe(true);
    expect((await product(empty.id)).in_stock).toBe(false);
    expect((await product(untracked.id)).in_stock).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the low-stock, summary and sync routes', async () => {
    const doc = await call(t.app, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths;
    for (const [path, method] of [
      ['/api/v1/admin/inventory/low-stock', 'get'],
      ['/api/v1/admin/inventory/summary', 'get'],
      ['/api/v1/admin/inventory/sync', 'post'],
      ['/api/v1/admin/inventory/sync/{id}', 'get'],
    ] as const) {
      expect(paths[path]?.[method], path).toBeDefined();
      expect(paths[path][method].security).toEqual([{ bearerAuth: [] }]);
    }
    const sync = paths['/api/v1/admin/inventory/sync'].post;
    expect(Object.keys(sync.requestBody.content)).toEqual(['multipart/form-data', 'application/json']);
    expect(Object.keys(sync.responses)).toEqual(expect.arrayContaining(['202', '413', '415', '422']));
    const lowStock = paths['/api/v1/admin/inventory/low-stock'].get;
    expect(lowStock.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['warehouse_id', 'level', 'page', 'per_page']),
    );
  });
});
