// Commerce benchmarks on the demo catalog: add to cart, checkout throughput, and a flash sale.
// Starts the built server on a fresh data dir (embedded PostgreSQL, demo data, worker in process),
// drives it with N concurrent shoppers over keep-alive HTTP, and checks stock correctness from the
// same run. Usage: npm run bench:commerce [-- --connections 50 --duration 10 --buyers 1000 --units 100]
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { apiClient, parseArgs, startDemoServer, stopDemoServer } from './support.mjs';

const args = parseArgs();
const connections = Number(args.connections ?? 50);
const duration = Number(args.duration ?? 10);
const buyers = Number(args.buyers ?? 1000);
const units = Number(args.units ?? 100);
const port = Number(args.port ?? 3950);
const dataDir = path.join(os.tmpdir(), `cartwheel-bench-commerce-${process.pid}`);
const base = `http://127.0.0.1:${port}/api/v1`;

const { call, must } = apiClient(base);

/** Runs `fn` on `n` lanes in parallel, each lane its own index; collects latencies and statuses. */
async function lanes(n, fn) {
  const latencies = [];
  const statuses = {};
  await Promise.all(
    Array.from({ length: n }, async (_, lane) => {
      for (let i = 0; ; i++) {
        const started = performance.now();
        const status = await fn(lane, i);
        if (status === null) return;
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { count: latencies.length, p50: pct(50).toFixed(1), p99: pct(99).toFixed(1), statuses };
}

const CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};

async function makeShoppers(n, postalCode) {
  const out = [];
  for (let i = 0; i < n; i += 25) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(25, n - i) }, async () => {
          const email = `bench-${randomUUID()}@example.com`;
          const password = 'bench-password-123';
          must(
            await call('POST', '/auth/register', {
              body: { email, password, first_name: 'Bench', last_name: 'Shopper' },
            }),
            201,
            'register',
          );
          const { access_token: token } = must(
            await call('POST', '/auth/login', { body: { email, password } }),
            200,
            'login',
          );
          must(
            await call('POST', '/auth/me/addresses', {
              token,
              body: {
                full_name: 'Bench Shopper',
                line1: '1 Load St',
                city: 'Testville',
                postal_code: postalCode,
                country: 'US',
                is_default_shipping: true,
                is_default_billing: true,
              },
            }),
            201,
            'address',
          );
          return token;
        }),
      )),
    );
  }
  return out;
}

const server = await startDemoServer({ port, dataDir });
const rows = [];
const checks = [];
try {
  const admin = must(
    await call('POST', '/auth/login', {
      body: { email: 'admin@cartwheel.dev', password: 'cartwheel-admin-1' },
    }),
    200,
    'admin login',
  ).access_token;
  const [store] = must(await call('GET', '/admin/warehouses', { token: admin }), 200, 'warehouses');
  const postalCode = store.service_postal_codes[0];
  const variants = [];
  for (let page = 1; page <= 3; page++) {
    const list = must(
      await call('GET', `/products?per_page=100&page=${page}&in_stock=true`),
      200,
      'products',
    );
    for (const p of list.items) {
      const detail = must(await call('GET', `/products/slug/${p.slug}`), 200, 'product');
      variants.push(...detail.variants.map((v) => v.id));
    }
  }
  // Plenty of stock in the bench store, so throughput runs measure checkout, not sold-out answers.
  for (let i = 0; i < variants.length; i += 200)
    must(
      await call('POST', '/admin/inventory/bulk', {
        token: admin,
        body: {
          rows: variants
            .slice(i, i + 200)
            .map((v) => ({ warehouse_id: store.id, variant_id: v, on_hand: 100000 })),
        },
      }),
      200,
      'bulk stock',
    );
  const shoppers = await makeShoppers(connections, postalCode);
  const pick = () => variants[Math.floor(Math.random() * variants.length)];
  const until = () => Date.now() + duration * 1000;

  // Add to cart: each shopper adds random items, emptying the cart every 20 lines.
  let end = until();
  const add = await lanes(connections, async (lane, i) => {
    if (Date.now() > end) return null;
    if (i % 20 === 19) await call('DELETE', '/cart', { token: shoppers[lane] });
    return (
      await call('POST', '/cart/items', { token: shoppers[lane], body: { variant_id: pick(), quantity: 1 } })
    ).status;
  });
  await Promise.all(shoppers.map((token) => call('DELETE', '/cart', { token })));
  rows.push({
    scenario: 'add to cart (POST /cart/items)',
    'req/s': Math.round(add.count / duration),
    'p50 ms': add.p50,
    'p99 ms': add.p99,
    statuses: JSON.stringify(add.statuses),
  });

  // Checkout: each shopper fills a 3-item cart, then checks out with the sandbox card (one order per loop).
  end = until();
  let ordersPlaced = 0;
  const checkoutOnly = [];
  const checkoutLat = await lanes(connections, async (lane) => {
    if (Date.now() > end) return null;
    for (let k = 0; k < 3; k++)
      await call('POST', '/cart/items', { token: shoppers[lane], body: { variant_id: pick(), quantity: 1 } });
    const started = performance.now();
    const res = await call('POST', '/orders/checkout', {
      token: shoppers[lane],
      headers: { 'idempotency-key': randomUUID() },
      body: { payment_method: 'sandbox', card: CARD },
    });
    if (res.status === 201) ordersPlaced += 1;
    checkoutOnly.push(performance.now() - started);
    return res.status;
  });
  checkoutOnly.sort((a, b) => a - b);
  const cp = (p) =>
    checkoutOnly[Math.min(checkoutOnly.length - 1, Math.floor((p / 100) * checkoutOnly.length))].toFixed(1);
  rows.push({
    scenario: 'checkout (3 items, sandbox card)',
    'req/s': Math.round(ordersPlaced / duration),
    'p50 ms': cp(50),
    'p99 ms': cp(99),
    statuses: JSON.stringify(checkoutLat.statuses),
  });

  // Flash sale: `units` in stock, `buyers` shoppers each with one in the cart, all checking out at once.
  const product = must(
    await call('POST', '/admin/products', {
      token: admin,
      body: {
        name: `Flash deal ${Date.now()}`,
        sku: `FLASH-${Date.now()}`,
        category_id: (await call('GET', '/categories')).body[0].id,
        price_cents: 999,
        status: 'active',
      },
    }),
    201,
    'flash product',
  );
  const flashVariant = product.variants[0].id;
  must(
    await call('POST', '/admin/inventory/restock', {
      token: admin,
      body: { warehouse_id: store.id, variant_id: flashVariant, quantity: units },
    }),
    200,
    'restock',
  );
  const crowd = await makeShoppers(buyers, postalCode);
  for (let i = 0; i < crowd.length; i += 50)
    await Promise.all(
      crowd
        .slice(i, i + 50)
        .map((token) =>
          call('POST', '/cart/items', { token, body: { variant_id: flashVariant, quantity: 1 } }),
        ),
    );
  const started = performance.now();
  const flashLat = [];
  const results = await Promise.all(
    crowd.map(async (token) => {
      const t0 = performance.now();
      const res = await call('POST', '/orders/checkout', {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { payment_method: 'sandbox', card: CARD },
      });
      flashLat.push(performance.now() - t0);
      return res;
    }),
  );
  const flashMs = performance.now() - started;
  flashLat.sort((a, b) => a - b);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const soldOut = results.filter((r) => r.status === 409 && r.body.code === 'INSUFFICIENT_STOCK').length;
  let stock;
  for (let page = 1; !stock; page++) {
    const list = must(
      await call('GET', `/admin/inventory?warehouse_id=${store.id}&per_page=100&page=${page}`, {
        token: admin,
      }),
      200,
      'stock',
    );
    stock = list.items.find((s) => s.variant_id === flashVariant);
    if (page >= list.total_pages) break;
  }
  rows.push({
    scenario: `flash sale: ${units} units, ${buyers} buyers at once`,
    'req/s': Math.round(buyers / (flashMs / 1000)),
    'p50 ms': flashLat[Math.floor(flashLat.length / 2)].toFixed(1),
    'p99 ms': flashLat[Math.floor(flashLat.length * 0.99)].toFixed(1),
    statuses: JSON.stringify(statuses),
  });
  checks.push(
    { check: 'flash sale: orders created', value: statuses[201] ?? 0, expected: units },
    { check: 'flash sale: clean 409 sold out', value: soldOut, expected: buyers - units },
    { check: 'flash sale: other errors', value: buyers - (statuses[201] ?? 0) - soldOut, expected: 0 },
    {
      check: 'flash sale: on hand after / reserved',
      value: `${stock?.on_hand} / ${stock?.reserved}`,
      expected: '0 / 0',
    },
    { check: 'flash sale: wall time', value: `${flashMs.toFixed(0)} ms`, expected: '' },
  );
} finally {
  await stopDemoServer(server, dataDir);
}

console.log(`\nCartwheel commerce benchmarks — ${os.cpus().length} cores, Node ${process.version}`);
console.log(`demo catalog; ${connections} concurrent shoppers, ${duration} s per scenario\n`);
console.table(rows);
console.table(checks);
