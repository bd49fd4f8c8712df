// Live-tracking benchmark (issue 6, DLV-4): end-to-end latency from a delivery status change to the
// server-sent event on every open stream. Starts the built server on a fresh data dir (embedded
// PostgreSQL, demo data, worker in process, simulation off), places cash-on-delivery orders as the
// demo shopper, opens `orders × streams` SSE connections (GET /orders/{id}/events), then as staff
// advances the deliveries one change at a time and times each change from the request being sent
// to its `status` event arriving on each stream of that order.
// Usage: npm run bench:tracking [-- --orders 50 --streams 10 --rounds 1 --timeout 10000]
//   --streams is per order; --rounds adds FAILED → OUT_FOR_DELIVERY retries per order.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { apiClient, parseArgs, startDemoServer, stopDemoServer } from './support.mjs';

const args = parseArgs();
const ORDERS = Number(args.orders ?? 50);
const PER_ORDER = Number(args.streams ?? 10);
const ROUNDS = Number(args.rounds ?? 1);
const TIMEOUT = Number(args.timeout ?? 10_000);
const port = Number(args.port ?? 3951);
const dataDir = path.join(os.tmpdir(), `cartwheel-bench-tracking-${process.pid}`);
const base = `http://127.0.0.1:${port}/api/v1`;
const stages = [
  'PACKED',
  'OUT_FOR_DELIVERY',
  ...Array.from({ length: ROUNDS }, () => ['FAILED', 'OUT_FOR_DELIVERY']).flat(),
  'DELIVERED',
];

const { call, must } = apiClient(base);

const login = async (email, password) =>
  must(await call('POST', '/auth/login', { body: { email, password } }), 200, `login ${email}`).access_token;

/** Resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Waiters for the change in flight, per order: stream → resolve when its `status` event arrives. */
const inFlight = new Map();

/**
 * One SSE connection over node:http (own socket each). Parses `id:`/`event:`/`data:` blocks; the
 * first `tracking` event marks it ready; each `status` event settles the order's change in flight.
 */
function openStream(orderId, token) {
  const stream = { orderId, ready: false, received: 0, closed: false, error: null, req: null };
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/orders/${orderId}/events?access_token=${encodeURIComponent(token)}`,
      { agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream ${orderId}: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk) => {
          const now = performance.now();
          buf += chunk;
          let cut;
          while ((cut = buf.indexOf('\n\n')) !== -1) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data += line.slice(5).trim();
            }
            if (event === 'tracking' && !stream.ready) {
              stream.ready = true;
              resolve(stream);
            } else if (event === 'status') {
              const e = JSON.parse(data);
              const change = inFlight.get(orderId);
              if (change && e.to === change.to && change.waiting.delete(stream)) {
                stream.received += 1;
                change.latencies.push(now - change.sentAt);
                if (!change.waiting.size) change.done();
              }
            }
          }
        });
        res.on('close', () => (stream.closed = true));
      },
    );
    req.on('error', (err) => {
      stream.error = err;
      reject(err);
    });
    stream.req = req;
  });
}

const loadAtStart = os.loadavg().map((n) => n.toFixed(2));
const server = await startDemoServer({ port, dataDir });
const streams = [];
const latencies = [];
const requestMs = [];
let missed = 0;
let changes = 0;
const facts = {};
try {
  const admin = await login('admin@cartwheel.dev', 'cartwheel-admin-1');
  const staff = await login('staff@cartwheel.dev', 'cartwheel-staff-1');
  const shopper = await login('shopper@cartwheel.dev', 'cartwheel-shopper-1');
  const [store] = must(await call('GET', '/admin/warehouses', { token: admin }), 200, 'warehouses');
  const address = must(
    await call('POST', '/auth/me/addresses', {
      token: shopper,
      body: {
        full_name: 'Bench Shopper',
        line1: '1 Tracking St',
        city: 'Testville',
        postal_code: store.service_postal_codes[0],
        country: 'US',
      },
    }),
    201,
    'address',
  );
  const list = must(await call('GET', '/products?per_page=1&in_stock=true'), 200, 'products');
  const variant = must(await call('GET', `/products/slug/${list.items[0].slug}`), 200, 'product').variants[0]
    .id;
  must(
    await call('POST', '/admin/inventory/restock', {
      token: admin,
      body: { warehouse_id: store.id, variant_id: variant, quantity: ORDERS + 10 },
    }),
    200,
    'restock',
  );
  await call('DELETE', '/cart', { token: shopper });

  // Orders: one unit each, cash on delivery (confirmed at once, so each has its delivery).
  const orders = [];
  for (let i = 0; i < ORDERS; i++) {
    must(
      await call('POST', '/cart/items', { token: shopper, body: { variant_id: variant, quantity: 1 } }),
      200,
      'add to cart',
    );
    const order = must(
      await call('POST', '/orders/checkout', {
        token: shopper,
        headers: { 'idempotency-key': randomUUID() },
        body: { payment_method: 'cod', shipping_address_id: address.id },
      }),
      201,
      'checkout',
    );
    const track = must(await call('GET', `/orders/${order.id}/track`, { token: shopper }), 200, 'track');
    if (!track.delivery_id) throw new Error(`order ${order.id} has no delivery (status ${track.status})`);
    orders.push({ id: order.id, deliveryId: track.delivery_id });
  }

  facts.rssIdle = rssMb(server.pid);
  // Streams: PER_ORDER per order, opened 50 at a time; ready = its initial `tracking` event arrived.
  const t0 = performance.now();
  const wanted = orders.flatMap((o) => Array.from({ length: PER_ORDER }, () => o.id));
  for (let i = 0; i < wanted.length; i += 50)
    streams.push(...(await Promise.all(wanted.slice(i, i + 50).map((id) => openStream(id, shopper)))));
  facts.openMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1000));
  facts.rssOpen = rssMb(server.pid);
  const byOrder = new Map(orders.map((o) => [o.id, streams.filter((s) => s.orderId === o.id)]));

  // Changes, one at a time, stage by stage across the orders; each waits for all its streams (or the timeout).
  const t1 = performance.now();
  for (const to of stages)
    for (const o of orders) {
      const change = { to, waiting: new Set(byOrder.get(o.id)), latencies };
      const arrived = new Promise((resolve) => (change.done = resolve));
      inFlight.set(o.id, change);
      change.sentAt = performance.now();
      const res = await call('POST', `/admin/deliveries/${o.deliveryId}/status`, {
        token: staff,
        body: { status: to, ...(to === 'FAILED' ? { note: 'Nobody home (bench)' } : {}) },
      });
      requestMs.push(performance.now() - change.sentAt);
      must(res, 200, `${to} ${o.deliveryId}`);
      let timer;
      await Promise.race([arrived, new Promise((r) => (timer = setTimeout(r, TIMEOUT)))]);
      clearTimeout(timer);
      missed += change.waiting.size;
      inFlight.delete(o.id);
      changes += 1;
    }
  facts.advanceS = (performance.now() - t1) / 1000;
  facts.rssEnd = rssMb(server.pid);
  facts.closedEarly = streams.filter((s) => s.closed || s.error).length;
} finally {
  for (const s of streams) s.req?.destroy();
  await stopDemoServer(server, dataDir);
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
latencies.sort((a, b) => a - b);
requestMs.sort((a, b) => a - b);
const expected = changes * PER_ORDER;
const [l1, l5, l15] = os.loadavg().map((n) => n.toFixed(2));
console.log(`\nCartwheel live-tracking benchmark — ${os.cpus().length} cores, Node ${process.version}`);
console.log(
  `load average (1/5/15 min) at start: ${loadAtStart.join(', ')}; at the end: ${l1}, ${l5}, ${l15}`,
);
console.log(
  `${ORDERS} orders × ${PER_ORDER} streams = ${streams.length} open SSE streams; ${changes} status changes ` +
    `one at a time (${stages.join(' → ')})\n`,
);
console.table([
  {
    measure: 'status change → SSE `status` event (every stream)',
    count: latencies.length,
    'p50 ms': pct(latencies, 50).toFixed(1),
    'p95 ms': pct(latencies, 95).toFixed(1),
    'p99 ms': pct(latencies, 99).toFixed(1),
    'max ms': (latencies.at(-1) ?? 0).toFixed(1),
  },
  {
    measure: 'POST /admin/deliveries/{id}/status (response)',
    count: requestMs.length,
    'p50 ms': pct(requestMs, 50).toFixed(1),
    'p95 ms': pct(requestMs, 95).toFixed(1),
    'p99 ms': pct(requestMs, 99).toFixed(1),
    'max ms': (requestMs.at(-1) ?? 0).toFixed(1),
  },
]);
console.table([
  { check: 'events expected (changes × streams per order)', value: expected, expected: '' },
  { check: 'events missed (stream × change, timeout ' + TIMEOUT + ' ms)', value: missed, expected: 0 },
  { check: 'streams closed or errored early', value: facts.closedEarly, expected: 0 },
  {
    check: `open ${streams.length} streams until every initial state`,
    value: `${facts.openMs?.toFixed(0)} ms`,
  },
  { check: 'all changes, one at a time', value: `${facts.advanceS?.toFixed(1)} s` },
  { check: 'server RSS before streams', value: `${facts.rssIdle} MB` },
  { check: `server RSS with ${streams.length} streams open`, value: `${facts.rssOpen} MB` },
  { check: 'server RSS after all changes', value: `${facts.rssEnd} MB` },
]);
if (missed || facts.closedEarly) process.exitCode = 1;
