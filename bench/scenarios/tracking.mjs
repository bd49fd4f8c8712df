// Live tracking (issue 6, DLV-4): end-to-end latency from a delivery status change to the server-sent
// event on every open stream. The demo shopper places cash-on-delivery orders and opens
// `orders × streams` SSE connections (GET /orders/{id}/events); staff then advance the deliveries one
// change at a time, each timed from the request being sent to its `status` event arriving on every
// stream of that order. PostgreSQL's own counters say how many reads each change cost.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { apiClient, DEMO, percentile, queryDatabase } from '../support.mjs';

/**
 * Index and sequential scans of the delivery tables so far. PostgreSQL publishes a backend's counts
 * at most once a second and an idle one's after 10 s, hence the wait before reading them.
 */
async function deliveryScans(databaseUrl) {
  await new Promise((r) => setTimeout(r, 11_000));
  const rows = await queryDatabase(
    databaseUrl,
    `select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans from pg_stat_user_tables
      where relname in ('deliveries', 'delivery_events')`,
  );
  return Object.fromEntries(rows.map((r) => [r.relname, Number(r.scans)]));
}

/**
 * One SSE connection over node:http (own socket each). Parses `event:`/`data:` blocks; the first
 * `tracking` event marks it ready; each `status` event settles the order's change in flight.
 */
function openStream(api, orderId, token, inFlight) {
  const stream = { orderId, ready: false, received: 0, closed: false, error: null, req: null };
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${api}/orders/${orderId}/events?access_token=${encodeURIComponent(token)}`,
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

/**
 * `orders` cash-on-delivery orders with `streams` streams each; `rounds` adds FAILED → OUT_FOR_DELIVERY
 * retries per order; a change waits for all its streams or `timeout` ms (then counts as missed).
 */
export async function tracking(server, { orders: orderCount, streams: perOrder, rounds, timeout }) {
  const { call, must, login } = apiClient(server.api);
  const stages = [
    'PACKED',
    'OUT_FOR_DELIVERY',
    ...Array.from({ length: rounds }, () => ['FAILED', 'OUT_FOR_DELIVERY']).flat(),
    'DELIVERED',
  ];
  const inFlight = new Map();
  const streams = [];
  const latencies = [];
  const requestMs = [];
  const facts = { stages, missed: 0, changes: 0 };
  try {
    const admin = await login(...DEMO.admin);
    const staff = await login(...DEMO.staff);
    const shopper = await login(...DEMO.shopper);
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
    const variant = must(await call('GET', `/products/slug/${list.items[0].slug}`), 200, 'product')
      .variants[0].id;
    must(
      await call('POST', '/admin/inventory/restock', {
        token: admin,
        body: { warehouse_id: store.id, variant_id: variant, quantity: orderCount + 10 },
      }),
      200,
      'restock',
    );
    await call('DELETE', '/cart', { token: shopper });

    // Orders: one unit each, cash on delivery (confirmed at once, so each has its delivery).
    const orders = [];
    for (let i = 0; i < orderCount; i++) {
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

    facts.rssIdle = server.rssMb();
    // Streams: `perOrder` per order, opened 50 at a time; ready = its initial `tracking` event arrived.
    const t0 = performance.now();
    const wanted = orders.flatMap((o) => Array.from({ length: perOrder }, () => o.id));
    for (let i = 0; i < wanted.length; i += 50)
      streams.push(
        ...(await Promise.all(
          wanted.slice(i, i + 50).map((id) => openStream(server.api, id, shopper, inFlight)),
        )),
      );
    facts.openMs = performance.now() - t0;
    const scansBefore = await deliveryScans(server.databaseUrl);
    facts.rssOpen = server.rssMb();
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
        await Promise.race([arrived, new Promise((r) => (timer = setTimeout(r, timeout)))]);
        clearTimeout(timer);
        facts.missed += change.waiting.size;
        inFlight.delete(o.id);
        facts.changes += 1;
      }
    facts.advanceS = (performance.now() - t1) / 1000;
    facts.rssEnd = server.rssMb();
    facts.closedEarly = streams.filter((s) => s.closed || s.error).length;
    const scansAfter = await deliveryScans(server.databaseUrl);
    facts.scansPerChange = Object.fromEntries(
      Object.keys(scansAfter).map((t) => [t, (scansAfter[t] - scansBefore[t]) / facts.changes]),
    );
  } finally {
    for (const s of streams) s.req?.destroy();
  }

  latencies.sort((a, b) => a - b);
  requestMs.sort((a, b) => a - b);
  const stat = (sorted) => ({
    count: sorted.length,
    p50: Number(percentile(sorted, 50).toFixed(1)),
    p95: Number(percentile(sorted, 95).toFixed(1)),
    p99: Number(percentile(sorted, 99).toFixed(1)),
    max: Number((sorted.at(-1) ?? 0).toFixed(1)),
  });
  return {
    streams: streams.length,
    expected: facts.changes * perOrder,
    event: stat(latencies),
    request: stat(requestMs),
    ...facts,
  };
}
