// Background-job benchmarks (issue 6): queue throughput with no-op and email jobs, and a data export
// of 100k orders (time and peak memory). The app opened in this process (bench/support.mjs
// `openApp`: the built server's code on a fresh embedded PostgreSQL), since it registers a job
// handler of its own and measures this process's memory.
// Usage: npm run bench:jobs [-- --jobs 5000 --emails 2000 --orders 100000 --concurrency 5]
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { freshDataDir, importServer, openApp, parseArgs, removeDataDir } from './support.mjs';

const { createQueue, defineJob, enqueue, handle } = await importServer('platform/queue.js');
const { sendEmail } = await importServer('platform/mail.js');

const args = parseArgs({ jobs: 5000, emails: 2000, orders: 100_000, concurrency: 5 });
const JOBS = args.jobs;
const EMAILS = args.emails;
const ORDERS = args.orders;
const CONCURRENCY = args.concurrency;

const dir = freshDataDir('jobs');
const opened = await openApp({ dataDir: dir, env: { WEB_DIR: 'off' } });
const { app } = opened;
const { db, pool } = opened.database;
const count = async (q) => Number((await pool.query(q)).rows[0].n);
const results = [];

async function timeUntilDone(what, n, start, doneQuery) {
  const t0 = performance.now();
  await start();
  while ((await count(doneQuery)) < n) await new Promise((r) => setTimeout(r, 20));
  const s = (performance.now() - t0) / 1000;
  results.push([what, n, `${s.toFixed(2)} s`, `${Math.round(n / s)} jobs/s`]);
}

// ---- throughput: no-op jobs (each with its monitoring row) ----
const noop = defineJob('bench__noop', z.object({ i: z.number() }), { title: () => 'noop' });
const noopQueue = createQueue({
  db,
  pool,
  concurrency: CONCURRENCY,
  log: app.log,
  handlers: [handle(noop, async () => null)],
});
for (let i = 0; i < JOBS; i += 500)
  await db.transaction(async (tx) => {
    for (let j = i; j < Math.min(JOBS, i + 500); j++) await enqueue(tx, noop, { i: j });
  });
await timeUntilDone(
  `no-op jobs, concurrency ${CONCURRENCY}`,
  JOBS,
  () => noopQueue.start(),
  `select count(*) as n from jobs where type = 'bench__noop' and status = 'completed'`,
);
await noopQueue.stop();

// ---- throughput: email jobs (dev transport; queue "email" runs one at a time by design) ----
for (let i = 0; i < EMAILS; i += 500)
  await db.transaction(async (tx) => {
    for (let j = i; j < Math.min(EMAILS, i + 500); j++)
      await sendEmail(tx, {
        to: `bench-${j}@example.com`,
        subject: 'Bench',
        template: 'bench',
        content: { heading: 'Hello', paragraphs: ['Benchmark message'] },
      });
  });
await timeUntilDone(
  'email jobs (serial queue "email")',
  EMAILS,
  () => app.queue.start(),
  `select count(*) as n from mail_outbox where sent_at is not null`,
);
await app.queue.stop();

// ---- export of 100k orders ----
// Seeded with SQL (the checkout path is benchmarked elsewhere): 100k orders of 3 lines each.
const t0 = performance.now();
await pool.query(`
  insert into orders (id, number, user_id, status, warehouse_id, currency, subtotal_cents, discount_cents, tax_cents,
    delivery_fee_cents, total_cents, payment_method, shipping_address, billing_address, eta_minutes)
  select gen_random_uuid(), 'BX-' || g, gen_random_uuid(), 'confirmed', gen_random_uuid(), 'USD', 3000, 0, 200, 0, 3200,
    'sandbox', a, a, 15
  from generate_series(1, ${ORDERS}) g,
    (select '{"full_name":"Bench Shopper","phone":null,"line1":"1 Main St","line2":null,"city":"Springfield","region":null,"postal_code":"10001","country":"US"}'::jsonb as a) addr`);
await pool.query(`
  insert into order_items (order_id, product_id, variant_id, name, variant_name, sku, unit_price_cents, quantity,
    line_subtotal_cents, discount_cents, tax_cents, line_total_cents)
  select o.id, gen_random_uuid(), gen_random_uuid(), 'Item ' || k, 'Default', 'SKU-' || k, 1000, 1, 1000, 0, 0, 1000
  from orders o, generate_series(1, 3) k`);
console.log(`seeded ${ORDERS} orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

for (const format of ['csv', 'json']) {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  const result = await app.services.reports.runExport(
    { entity: 'orders', format },
    { jobId: randomUUID(), progress: async () => {} },
  );
  const s = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
  results.push([
    `export ${result.rows} orders as ${format.toUpperCase()} (${mb(result.bytes)} file)`,
    result.rows,
    `${s.toFixed(2)} s`,
    `${Math.round(result.rows / s)} rows/s; peak RSS ${mb(peakRss)} (+${mb(peakRss - base.rss)}), peak heap +${mb(peakHeap - base.heapUsed)}`,
  ]);
}

console.log('\n| benchmark | n | time | rate / memory |\n| --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.join(' | ')} |`);
await opened.close();
removeDataDir(dir);
