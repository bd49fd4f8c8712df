import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';
import { checkFeedUrl, MAX_FEED_BYTES, MAX_FEED_ROWS } from './feed.js';
import type { InventoryService } from './service.js';

/** Inventory sync (INV-7): counted stock from an uploaded or fetched feed, reconciled by a job. */

let t: TestApp;
let staff: { token: string; id: string };
let customer: string;
let inv: InventoryService;
let feeds: http.Server;
let feedHost: string;
/** What the feed server answers, by path. */
const served = new Map<
  string,
  { status?: number; type?: string; body: string | Buffer; location?: string }
>();

beforeAll(async () => {
  feeds = http.createServer((req, res) => {
    const f = served.get(req.url ?? '');
    if (!f) return void res.writeHead(404).end();
    res.writeHead(f.status ?? 200, {
      ...(f.type ? { 'content-type': f.type } : {}),
      ...(f.location ? { location: f.location } : {}),
    });
    res.end(f.body);
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  feedHost = `127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  t = await createTestApp({ INVENTORY_SYNC_ALLOWED_HOSTS: `feeds.example.com, ${feedHost}` });
  staff = await signedIn(t, 'staff');
  customer = (await signedIn(t)).token;
  inv = t.app.services.inventory;
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => feeds?.close(resolve));
});

const api = (method: 'GET' | 'POST', url: string, body?: unknown, token: string | undefined = staff.token) =>
  call(t.app, method, `/api/v1${url}`, { body, token });

let seq = 0;
const unique = () => `${Date.now().toString(36)}${seq++}`.toUpperCase();

async function makeWarehouse() {
  const res = await api('POST', '/admin/warehouses', {
    code: `SYNC-${unique()}`,
    name: 'Dark store',
    address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'US' },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; code: string };
}

async function makeVariant() {
  const cat = await api('POST', '/admin/categories', { name: `Cat ${unique()}` });
  const sku = `SYN-${unique()}`;
  const res = await api('POST', '/admin/products', {
    name: `Product ${unique()}`,
    sku,
    category_id: cat.body.id,
    price_cents: 100,
    status: 'active',
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { id: res.body.variants[0].id as string, sku };
}

type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(parts: Part[]) {
  const boundary = `----cartwheel${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postForm(parts: Part[], token: string | undefined = staff.token) {
  const { payload, contentType } = multipart(parts);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/inventory/sync',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}
const uploadFeed = (content: string | Buffer, filename = 'stock.csv', type = 'text/csv') =>
  postForm([{ name: 'file', value: content, filename, type }]);

async function level(warehouseId: string, variantId: string) {
  const { rows } = await t.database.pool.query(
    'select on_hand, reserved from stock_levels where warehouse_id = $1 and variant_id = $2',
    [warehouseId, variantId],
  );
  return rows[0] as { on_hand: number; reserved: number } | undefined;
}

/** Runs the queued jobs, then reads the sync job through the API. */
async function finished(jobId: string) {
  await t.drain();
  const res = await api('GET', `/admin/inventory/sync/${jobId}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('inventory sync from an uploaded feed (INV-7)', () => {
  it('reconciles a CSV through the adjust path and reports every row', async () => {
    const w = await makeWarehouse();
    const [a, b, c] = [await makeVariant(), await makeVariant(), await makeVariant()];
    await inv.restock({ warehouseId: w.id, variantId: a.id, quantity: 10 });
    await inv.restock({ warehouseId: w.id, variantId: b.id, quantity: 5 });
    await inv.restock({ warehouseId: w.id, variantId: c.id, quantity: 4 });
    await t.database.db.transaction((tx) =>
      inv.reserve(tx, { warehouseId: w.id, items: [{ variantId: c.id, quantity: 3 }] }),
    );
    const csv = [
      'Warehouse_Code,SKU,On_Hand',
      `${w.code},${a.sku},7`, // counted fewer: −3
      `${w.code},${b.sku.toLowerCase()},5`, // matches (SKUs are case-insensitive)
      `${w.code},NO-SUCH-SKU,3`,
      `NOWHERE,${a.sku},1`,
      `${w.code},${a.sku},-2`,
      `${w.code},${b.sku},lots`,
      `${w.code},,4`,
      `${w.code},${a.sku},9`, // duplicate of row 1
      `${w.code},${c.sku},1`, // below the 3 reserved: refused
      `${w.code},${a.sku}`, // short line
    ].join('\n');
    const res = await uploadFeed(csv);
    expect(res.status).toBe(202);
    expect(res.body.status_url).toBe(`/api/v1/admin/inventory/sync/${res.body.job_id}`);
    const pending = await api('GET', `/admin/inventory/sync/${res.body.job_id}`);
    expect(pending.body).toMatchObject({
      status: 'pending',
      progress: 0,
      report: null,
      created_by: staff.id,
    });

    const job = await finished(res.body.job_id);
    expect(job).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(job.title).toBe('Inventory sync from stock.csv');
    const { totals, rows, source } = job.report;
    expect(source).toEqual({ kind: 'file', filename: 'stock.csv', format: 'csv' });
    expect(totals).toEqual({
      rows: 10,
      adjusted: 1,
      unchanged: 1,
      invalid: 5,
      unknown_sku: 1,
      unknown_warehouse: 1,
      failed: 1,
      units_expected: 10 + 5,
      units_counted: 7 + 5,
      units_added: 0,
      units_removed: 3,
    });
    expect(rows.map((r: { status: string }) => r.status)).toEqual([
      'adjusted',
      'unchanged',
      'unknown_sku',
      'unknown_warehouse',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'failed',
      'invalid',
    ]);
    expect(rows[0]).toMatchObject({
      row: 1,
      warehouse_code: w.code,
      sku: a.sku,
      variant_id: a.id,
      expected: 10,
      counted: 7,
      delta: -3,
    });
    expect(rows[4].errors).toEqual([{ field: 'on_hand', message: 'Must be a whole number' }]);
    expect(rows[5].errors[0].field).toBe('on_hand');
    expect(rows[6].errors[0]).toEqual({ field: 'sku', message: 'Required' });
    expect(rows[7].errors[0].message).toContain('Duplicate');
    expect(rows[8].errors[0].message).toContain('BELOW_RESERVED');
    expect(rows[9].errors[0]).toEqual({ field: 'on_hand', message: 'Required' });

    expect(await level(w.id, a.id)).toEqual({ on_hand: 7, reserved: 0 });
    expect(await level(w.id, c.id)).toEqual({ on_hand: 4, reserved: 3 });
    // The change is an ordinary adjustment movement, referencing the import job and its requester.
    const moves = await api('GET', `/admin/inventory/movements?variant_id=${a.id}&type=adjustment`);
    expect(moves.body.items).toHaveLength(1);
    expect(moves.body.items[0]).toMatchObject({
      quantity: -3,
      on_hand_before: 10,
      on_hand_after: 7,
      reference_type: 'import',
      reference_id: res.body.job_id,
      actor_id: staff.id,
      note: 'inventory sync',
    });
  });

  it('reconciles a JSON feed, reporting malformed rows', async () => {
    const w = await makeWarehouse();
    const [a, b] = [await makeVariant(), await makeVariant()];
    await inv.restock({ warehouseId: w.id, variantId: a.id, quantity: 2 });
    const feed = {
      rows: [
        { warehouse_code: w.code, sku: a.sku, on_hand: 12 },
        { warehouse_code: w.code, sku: b.sku, on_hand: '6' }, // a new row for b
        'not an object',
        null,
        { warehouse_code: w.code, sku: b.sku, on_hand: 1.5 },
        { warehouse_code: 7, sku: b.sku, on_hand: 1 },
        { warehouse_code: w.code, sku: b.sku, on_hand: 2_000_000 },
        { warehouse_code: w.code, sku: b.sku },
      ],
    };
    const res = await uploadFeed(JSON.stringify(feed), 'counts.json', 'application/json');
    expect(res.status).toBe(202);
    const job = await finished(res.body.job_id);
    expect(job.status).toBe('completed');
    expect(job.report.source.format).toBe('json');
    expect(job.report.totals).toMatchObject({ rows: 8, adjusted: 2, invalid: 6, units_added: 10 + 6 });
    const errors = job.report.rows.map((r: { errors: { field: string }[] }) => r.errors.map((e) => e.field));
    expect(errors).toEqual([
      [],
      [],
      ['row'],
      ['row'],
      ['on_hand'],
      ['warehouse_code'],
      ['on_hand'],
      ['on_hand'],
    ]);
    expect(job.report.rows[1]).toMatchObject({ expected: 0, counted: 6, delta: 6, status: 'adjusted' });
    expect(await level(w.id, a.id)).toMatchObject({ on_hand: 12 });
    expect(await level(w.id, b.id)).toMatchObject({ on_hand: 6 });

    // Running the same feed again changes nothing: counts are absolute.
    const again = await finished(
      (await uploadFeed(JSON.stringify(feed.rows), 'x.json', 'application/octet-stream')).body.job_id,
    );
    expect(again.report.totals).toMatchObject({ adjusted: 0, unchanged: 2 });
  });

  it('refuses unreadable, oversized and malformed uploads, changing nothing', async () => {
    const before = await t.database.pool.query('select count(*)::int as n from jobs');
    const cases: [string | Buffer, string, string, number, string][] = [
      [randomBytes(64), 'stock.bin', 'application/octet-stream', 422, 'INVALID_FEED'], // not UTF-8
      ['', 'stock.csv', 'text/csv', 422, 'INVALID_FEED'],
      ['sku,on_hand\nA,1', 'stock.csv', 'text/csv', 422, 'INVALID_FEED'], // no warehouse_code column
      ['warehouse_code,sku,on_hand\n', 'stock.csv', 'text/csv', 422, 'INVALID_FEED'], // no rows
      ['warehouse_code,sku,on_hand\n"unterminated,x,1', 'stock.csv', 'text/csv', 422, 'INVALID_FEED'],
      ['{"rows": [1, 2', 'stock.json', 'application/json', 422, 'INVALID_FEED'],
      ['{"items": []}', 'stock.json', 'application/json', 422, 'INVALID_FEED'],
      [Buffer.alloc(MAX_FEED_BYTES + 1, 'a'), 'big.csv', 'text/csv', 413, 'FILE_TOO_LARGE'],
      [
        `warehouse_code,sku,on_hand\n${'W,S,1\n'.repeat(MAX_FEED_ROWS + 1)}`,
        'many.csv',
        'text/csv',
        413,
        'TOO_MANY_ROWS',
      ],
    ];
    for (const [content, filename, type, status, code] of cases) {
      const res = await uploadFeed(content, filename, type);
      expect(res.status, filename + code).toBe(status);
      expect(res.body.code, filename).toBe(code);
      if (status === 422) expect(res.body.errors[0].field).toBe('body.file');
    }
    const form = async (parts: Part[]) => (await postForm(parts)).body;
    expect(await form([])).toMatchObject({ status: 422, errors: [{ field: 'body' }] });
    expect(
      await form([
        { name: 'file', value: 'x', filename: 'a.csv' },
        { name: 'url', value: `http://${feedHost}/f.csv` },
      ]),
    ).toMatchObject({ status: 422, errors: [{ field: 'body' }] });
    expect(await form([{ name: 'photo', value: 'x', filename: 'a.csv' }])).toMatchObject({
      status: 422,
      errors: [{ field: 'body.photo' }],
    });
    expect(await form([{ name: 'note', value: 'x' }])).toMatchObject({ errors: [{ field: 'body.note' }] });
    const csvBody = await call(t.app, 'POST', '/api/v1/admin/inventory/sync', {
      body: 'warehouse_code,sku,on_hand\nW,S,1',
      token: staff.token,
      headers: { 'content-type': 'text/csv' },
    });
    expect(csvBody.status).toBe(415);
    const after = await t.database.pool.query('select count(*)::int as n from jobs');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('is for staff only, and job ids must be sync jobs', async () => {
    expect((await postForm([{ name: 'file', value: 'a', filename: 'a.csv' }], customer)).status).toBe(403);
    expect((await postForm([{ name: 'file', value: 'a', filename: 'a.csv' }], '')).status).toBe(401);
    expect(
      (await api('POST', '/admin/inventory/sync', { url: `http://${feedHost}/x` }, customer)).status,
    ).toBe(403);
    expect((await api('GET', `/admin/inventory/sync/${randomUUID()}`)).status).toBe(404);
    const bad = await api('GET', '/admin/inventory/sync/42');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('params.id');
    // Another kind of job is not a sync.
    const { rows } = await t.database.pool.query(
      `select id from jobs where type <> 'inventory__sync' limit 1`,
    );
    expect((await api('GET', `/admin/inventory/sync/${rows[0].id}`)).status).toBe(404);
    const job = await uploadFeed('warehouse_code,sku,on_hand\nW,S,1');
    expect((await api('GET', `/admin/inventory/sync/${job.body.job_id}`, undefined, customer)).status).toBe(
      403,
    );
  });
});

describe('inventory sync from a URL (INV-7)', () => {
  it('fetches a feed from an allowed host and reconciles it', async () => {
    const w = await makeWarehouse();
    const a = await makeVariant();
    served.set('/stock', {
      type: 'text/csv; charset=utf-8',
      body: `warehouse_code,sku,on_hand\n${w.code},${a.sku},9\n${w.code},GHOST,1\n`,
    });
    const res = await api('POST', '/admin/inventory/sync', { url: `http://${feedHost}/stock` });
    expect(res.status).toBe(202);
    const job = await finished(res.body.job_id);
    expect(job.status).toBe('completed');
    expect(job.title).toBe(`Inventory sync from ${feedHost}`);
    expect(job.report.source).toEqual({ kind: 'url', url: `http://${feedHost}/stock`, format: 'csv' });
    expect(job.report.totals).toMatchObject({ rows: 2, adjusted: 1, unknown_sku: 1, units_counted: 9 });
    expect(await level(w.id, a.id)).toMatchObject({ on_hand: 9 });

    // The URL as a multipart field works too; a JSON document is recognised by its type.
    served.set('/stock.json', {
      type: 'application/json',
      body: JSON.stringify([{ warehouse_code: w.code, sku: a.sku, on_hand: 4 }]),
    });
    const form = await postForm([{ name: 'url', value: `http://${feedHost}/stock.json` }]);
    expect(form.status).toBe(202);
    expect((await finished(form.body.job_id)).report.totals).toMatchObject({ adjusted: 1 });
    expect(await level(w.id, a.id)).toMatchObject({ on_hand: 4 });
  });

  it('refuses hosts outside the allow-list, credentials and other schemes', async () => {
    const cases: [string, string][] = [
      ['http://169.254.169.254/latest/meta-data', 'URL_NOT_ALLOWED'],
      [`http://localhost:${feedHost.split(':')[1]}/stock`, 'URL_NOT_ALLOWED'],
      ['http://127.0.0.1:1/stock', 'URL_NOT_ALLOWED'], // allowed host, other port
      ['https://feeds.example.com.evil.test/stock', 'URL_NOT_ALLOWED'],
      ['http://user:pw@feeds.example.com/stock', 'VALIDATION_FAILED'],
      ['file:///etc/passwd', 'VALIDATION_FAILED'],
      ['not a url', 'VALIDATION_FAILED'],
    ];
    for (const [url, code] of cases) {
      const res = await api('POST', '/admin/inventory/sync', { url });
      expect(res.status, url).toBe(422);
      expect(res.body.code, url).toBe(code);
      expect(res.body.errors[0].field).toBe('body.url');
    }
    const missing = await api('POST', '/admin/inventory/sync', {});
    expect(missing.body.errors[0]).toEqual({ field: 'body.url', message: 'Required' });
    const extra = await api('POST', '/admin/inventory/sync', { url: `http://${feedHost}/stock`, file: 'x' });
    expect(extra.status).toBe(422);
    expect((await api('POST', '/admin/inventory/sync', { url: 42 })).body.errors[0].field).toBe('body.url');
    // Any port of a host listed without one.
    expect(checkFeedUrl('https://feeds.example.com:8443/x', ['feeds.example.com']).host).toBe(
      'feeds.example.com:8443',
    );
    expect(() => checkFeedUrl('https://feeds.example.com/x', [])).toThrow('not enabled');
  });

  it('fails the job, not the server, when the feed cannot be fetched or read', async () => {
    served.set('/moved', { status: 302, location: 'http://169.254.169.254/', body: '' });
    served.set('/broken', { status: 500, body: 'oops' });
    served.set('/garbage', { type: 'application/json', body: '{"rows": ' });
    for (const [path, error] of [
      ['/moved', 'Fetching the feed'],
      ['/broken', 'answered 500'],
      ['/garbage', 'not valid JSON'],
    ]) {
      const res = await api('POST', '/admin/inventory/sync', { url: `http://${feedHost}${path}` });
      const job = await finished(res.body.job_id);
      expect(job.status, path).toBe('retrying');
      expect(job.error).toContain(error);
      expect(job.report).toBeNull();
    }
  });
});

describe('INVENTORY_SYNC_ALLOWED_HOSTS', () => {
  it('is a comma-separated list of hosts, optionally with ports; empty turns URL feeds off', () => {
    expect(loadConfig({}).inventorySyncAllowedHosts).toEqual([]);
    expect(
      loadConfig({ INVENTORY_SYNC_ALLOWED_HOSTS: ' Feeds.Example.com, erp.local:8080 ,' })
        .inventorySyncAllowedHosts,
    ).toEqual(['feeds.example.com', 'erp.local:8080']);
    expect(() => loadConfig({ INVENTORY_SYNC_ALLOWED_HOSTS: 'https://feeds.example.com' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ INVENTORY_SYNC_ALLOWED_HOSTS: 'a b' })).toThrow(/INVENTORY_SYNC_ALLOWED_HOSTS/);
  });
});
