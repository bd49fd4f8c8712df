import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceFixture } from '../../test/commerce.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';
import { csvCell } from './service.js';

/** JOB-8 data exports: a job streams the file, the requester downloads it by a signed, expiring link. */

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let otherAdmin: Awaited<ReturnType<typeof signedIn>>;

const api = (method: 'GET' | 'POST', url: string, token?: string, body?: unknown) =>
  call(t.app, method, `/api/v1${url}`, { token, body });
const raw = (url: string) => t.app.inject({ method: 'GET', url });

async function runExport(entity: string, format: string, token = admin.token) {
  const res = await api('POST', '/admin/jobs', token, {
    type: 'reports__export',
    params: { entity, format },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await t.drain();
  const job = (await api('GET', `/admin/jobs/${res.body.id}`, token)).body;
  expect(job.status, JSON.stringify(job)).toBe('completed');
  return job;
}
async function download(id: string, token = admin.token) {
  const link = await api('GET', `/exports/${id}`, token);
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return { link: link.body, res: await raw(link.body.download_url) };
}
/** An independent CSV reader checks what we wrote. */
const parseCsv = (text: string) => parse(text, { relax_column_count: false }) as string[][];

beforeAll(async () => {
  t = await createTestApp();
  f = await commerceFixture(t);
  [admin, otherAdmin] = [await signedIn(t, 'admin'), await signedIn(t, 'admin')];
  await f.product({ price: 250, stock: 5, name: 'Comma, "quoted" product' });
  await f.product({ price: 999, stock: 0, name: '=HYPERLINK("http://evil")' });
  // More customers than one keyset page (1000), so paging is exercised.
  await t.database.pool.query(
    `insert into users (email, password_hash, first_name)
     select 'bulk-' || g || '-' || $1 || '@example.com', '!', 'Bulk ' || g from generate_series(1, 2500) g`,
    [randomUUID().slice(0, 8)],
  );
});
afterAll(async () => t?.close());

describe('data exports (JOB-8)', () => {
  it('exports every customer to CSV across keyset pages, with progress, and the requester downloads it', async () => {
    const {
      rows: [{ n }],
    } = await t.database.pool.query(`select count(*)::int as n from users where role = 'customer'`);
    const job = await runExport('customers', 'csv');
    expect(job).toMatchObject({ progress: 100, result: { rows: n, entity: 'customers', format: 'csv' } });
    expect(job.progress_message).toBe(`${n} rows written`);
    const { link, res } = await download(job.id);
    expect(link).toMatchObject({ rows: n, filename: expect.stringMatching(/^cartwheel-customers-.*\.csv$/) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(expect.arrayContaining(['id', 'email', 'first_name', 'created_at']));
    expect(rows[0]).not.toContain('password_hash');
    expect(rows).toHaveLength(n + 1);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(n);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });

  it('exports products as JSON and orders and inventory as CSV; CSV cells are escaped and formula-safe', async () => {
    const products = await runExport('products', 'json');
    const { res } = await download(products.id);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const items = JSON.parse(res.body) as { name: string; price_cents: number }[];
    const {
      rows: [{ n }],
    } = await t.database.pool.query('select count(*)::int as n from products');
    expect(items).toHaveLength(n);
    expect(items.find((p) => p.name.startsWith('Comma'))).toMatchObject({ price_cents: 250 });

    const csv = parseCsv((await download((await runExport('products', 'csv')).id)).res.body);
    const nameAt = csv[0]!.indexOf('name');
    const names = csv.slice(1).map((r) => r[nameAt]);
    expect(names).toContain('Comma, "quoted" product');
    expect(names).toContain(`'=HYPERLINK("http://evil")`);
    expect(csvCell(-5)).toBe('-5');

    const inventory = await runExport('inventory', 'csv');
    const {
      rows: [{ s }],
    } = await t.database.pool.query('select count(*)::int as s from stock_levels');
    expect(inventory.result.rows).toBe(s);
    const orders = await runExport('orders', 'json');
    expect(orders.result.rows).toBe(0);
    expect(JSON.parse((await download(orders.id)).res.body)).toEqual([]);
  });

  it('refuses unknown entities and formats with 422 naming the field', async () => {
    for (const [params, field] of [
      [{ entity: 'secrets', format: 'csv' }, 'body.params.entity'],
      [{ entity: 'orders', format: 'xlsx' }, 'body.params.format'],
    ] as const) {
      const res = await api('POST', '/admin/jobs', admin.token, { type: 'reports__export', params });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe(field);
    }
  });

  it('only the requester gets a link; a tampered or expired link is refused', async () => {
    const job = await runExport('products', 'csv');
    expect((await api('GET', `/exports/${job.id}`, otherAdmin.token)).status).toBe(404);
    const shopper = await f.shopper();
    expect((await api('GET', `/exports/${job.id}`, shopper.token)).status).toBe(404);
    expect((await api('GET', `/exports/${job.id}`)).status).toBe(401);

    const { link } = await download(job.id);
    const url = new URL(link.download_url, 'http://x');
    const sig = url.searchParams.get('signature')!;
    const tampered = `${url.pathname}?expires=${Number(url.searchParams.get('expires')) + 3600}&signature=${sig}`;
    expect((await raw(tampered)).statusCode).toBe(403);
    const flipped = `${url.pathname}?expires=${url.searchParams.get('expires')}&signature=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await raw(flipped)).statusCode).toBe(403);
    const otherJob = link.download_url.replace(job.id, randomUUID());
    expect((await raw(otherJob)).statusCode).toBe(403);
    expect((await raw(`${url.pathname}?expires=1`)).statusCode).toBe(422);

    // A link handed out 20 minutes ago (valid signature) has expired.
    const actor = { id: admin.id, role: 'admin' as const, sessionId: 'x' };
    const old = await t.app.services.reports.downloadLink(actor, job.id, Date.now() - 20 * 60_000);
    const gone = await raw(old.download_url);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('LINK_EXPIRED');
  });

  it('an export not finished yet has no link (409)', async () => {
    const res = await api('POST', '/admin/jobs', admin.token, {
      type: 'reports__export',
      params: { entity: 'products', format: 'json' },
    });
    const early = await api('GET', `/exports/${res.body.id}`, admin.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('EXPORT_NOT_READY');
    await t.drain();
  });

  it('files expire: the expiry job deletes them and links answer 410', async () => {
    const job = await runExport('products', 'csv');
    const { link } = await download(job.id);
    const file = path.join(t.config.uploadDir, job.result.file);
    await fs.access(file);
    // A day later: the file's expiry has passed.
    await t.database.pool.query(
      `update jobs set result = jsonb_set(result, '{expires_at}', to_jsonb((now() - interval '1 minute')::text)) where id = $1`,
      [job.id],
    );
    const res = await t.app.services.reports.expireExports();
    expect(res.expired).toBeGreaterThanOrEqual(1);
    await expect(fs.access(file)).rejects.toThrow();
    expect((await raw(link.download_url)).statusCode).toBe(410);
    const again = await api('GET', `/exports/${job.id}`, admin.token);
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('EXPORT_EXPIRED');
    expect((await t.app.services.reports.expireExports()).expired).toBe(0);
  });
});
