// Write scenarios: add to cart, checkout throughput and a flash sale, with their correctness
// counted from the same run through the admin API (orders created, stock moved, oversold units).
// Everything happens in a bench store of its own (own postal code), so its stock list holds only
// the variants the bench uses, however large the catalog.
import { randomUUID } from 'node:crypto';
import { apiClient, DEMO, lanes, percentile } from '../support.mjs';

const POSTAL_CODE = '99001';
const CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};

/** Runs `fn` on `n` lanes for `seconds` (lanes finish the call in flight). */
const during = (n, seconds, fn) => {
  const end = Date.now() + seconds * 1000;
  return lanes(n, (lane, i) => (Date.now() > end ? null : fn(lane, i)));
};

const ms = (sorted, p) => Number(percentile(sorted, p).toFixed(1));

/**
 * Add to cart, checkout and the flash sale against whatever catalog the server has: the first 300
 * products (by the default listing order) are stocked in the bench store. `connections` shoppers for
 * the throughput scenarios (warm-up, then measured), `buyers` at once for `units` in the flash sale.
 * `correct`: orders and stock add up in both checkout scenarios (throughput aside).
 */
export async function commerce(server, { connections, duration, warmup, buyers, units }) {
  const { call, must, login } = apiClient(server.api);
  const admin = await login(...DEMO.admin);

  const store = must(
    await call('POST', '/admin/warehouses', {
      token: admin,
      body: {
        code: `BENCH-${Date.now()}`,
        name: 'Bench store',
        address: { line1: '1 Load St', city: 'Testville', postal_code: POSTAL_CODE, country: 'US' },
        service_postal_codes: [POSTAL_CODE],
      },
    }),
    201,
    'bench store',
  );
  const variants = [];
  for (let page = 1; page <= 3; page++) {
    const list = must(await call('GET', `/products?per_page=100&page=${page}`), 200, 'products');
    for (const p of list.items) {
      const detail = must(await call('GET', `/products/slug/${p.slug}`), 200, 'product');
      variants.push(...detail.variants.map((v) => v.id));
    }
  }
  // Plenty of stock, so the throughput runs measure checkout, not sold-out answers.
  for (let i = 0; i < variants.length; i += 200)
    must(
      await call('POST', '/admin/inventory/bulk', {
        token: admin,
        body: {
          rows: variants
            .slice(i, i + 200)
            .map((v) => ({ warehouse_id: store.id, variant_id: v, on_hand: 100_000 })),
        },
      }),
      200,
      'bulk stock',
    );

  /** The bench store's stock: variant → on hand and reserved. */
  async function stock() {
    const out = new Map();
    for (let page = 1, pages = 1; page <= pages; page++) {
      const list = must(
        await call('GET', `/admin/inventory?warehouse_id=${store.id}&per_page=100&page=${page}`, {
          token: admin,
        }),
        200,
        'stock',
      );
      for (const s of list.items) out.set(s.variant_id, { onHand: s.on_hand, reserved: s.reserved });
      pages = list.total_pages;
    }
    return out;
  }
  const orderCount = async () =>
    must(await call('GET', `/admin/orders?store_id=${store.id}&per_page=1`, { token: admin }), 200, 'orders')
      .total;
  const checkout = (token) =>
    call('POST', '/orders/checkout', {
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: { payment_method: 'sandbox', card: CARD },
    });

  const shoppers = await makeShoppers(call, must, connections);
  const pick = () => variants[Math.floor(Math.random() * variants.length)];
  const rows = [];

  // Add to cart: each shopper adds random items, emptying the cart every 20 lines.
  const addToCart = async (lane, i) => {
    if (i % 20 === 19) await call('DELETE', '/cart', { token: shoppers[lane] });
    return (
      await call('POST', '/cart/items', { token: shoppers[lane], body: { variant_id: pick(), quantity: 1 } })
    ).status;
  };
  await during(connections, warmup, addToCart);
  const add = await during(connections, duration, addToCart);
  await Promise.all(shoppers.map((token) => call('DELETE', '/cart', { token })));
  const added = add.statuses[200] ?? 0;
  rows.push({
    scenario: 'add to cart (`POST /cart/items`)',
    rps: Math.round(add.count / duration),
    p50: ms(add.latencies, 50),
    p99: ms(add.latencies, 99),
    errors: add.count - added,
    correctness: `${added.toLocaleString('en-US')} × 200`,
  });

  // Checkout: each shopper fills a 3-item cart, then checks out with the sandbox card. Timed: the
  // checkout request alone. Correctness over warm-up and measured run together: orders the API
  // lists, and stock that left "available" equals the units those orders hold.
  const stockBefore = await stock();
  const ordersBefore = await orderCount();
  let created = 0;
  let unitsOrdered = 0;
  const checkoutMs = [];
  const buyOnce = async (lane) => {
    for (let k = 0; k < 3; k++)
      await call('POST', '/cart/items', { token: shoppers[lane], body: { variant_id: pick(), quantity: 1 } });
    const started = performance.now();
    const res = await checkout(shoppers[lane]);
    checkoutMs.push(performance.now() - started);
    if (res.status === 201) {
      created += 1;
      unitsOrdered += res.body.items.reduce((n, item) => n + item.quantity, 0);
    }
    return res.status;
  };
  await during(connections, warmup, buyOnce);
  const createdInWarmup = created;
  checkoutMs.length = 0;
  const buy = await during(connections, duration, buyOnce);
  checkoutMs.sort((a, b) => a - b);
  const stockAfter = await stock();
  const listed = (await orderCount()) - ordersBefore;
  let stockMoved = 0;
  let oversold = 0;
  for (const [variant, before] of stockBefore) {
    const after = stockAfter.get(variant);
    stockMoved += before.onHand - before.reserved - (after.onHand - after.reserved);
    oversold += Math.max(0, -after.onHand);
  }
  const measured = created - createdInWarmup;
  const checkoutCorrect = listed === created && stockMoved === unitsOrdered && oversold === 0;
  const checkoutChecks = {
    orders201: created,
    ordersListed: listed,
    unitsOrdered,
    stockMoved,
    oversold,
  };
  rows.push({
    scenario: 'checkout (3 items, sandbox card)',
    rps: Math.round(measured / duration),
    p50: ms(checkoutMs, 50),
    p99: ms(checkoutMs, 99),
    errors: buy.count - (buy.statuses[201] ?? 0),
    correctness:
      `${listed.toLocaleString('en-US')} orders listed / ${created.toLocaleString('en-US')} × 201; ` +
      `stock moved ${stockMoved.toLocaleString('en-US')} = units ordered ${unitsOrdered.toLocaleString('en-US')}; ` +
      `oversold ${oversold}`,
    target: '≥ 300 orders/s, stock correct',
    met: measured / duration >= 300 && checkoutCorrect ? 'yes' : 'no',
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
  const crowd = await makeShoppers(call, must, buyers);
  for (let i = 0; i < crowd.length; i += 50)
    await Promise.all(
      crowd
        .slice(i, i + 50)
        .map(async (token) =>
          must(
            await call('POST', '/cart/items', { token, body: { variant_id: flashVariant, quantity: 1 } }),
            200,
            'flash add to cart',
          ),
        ),
    );
  const flashOrdersBefore = await orderCount();
  const started = performance.now();
  const flashMs = [];
  const answers = await Promise.all(
    crowd.map(async (token) => {
      const t0 = performance.now();
      const res = await checkout(token);
      flashMs.push(performance.now() - t0);
      return res;
    }),
  );
  const wallMs = performance.now() - started;
  flashMs.sort((a, b) => a - b);
  const won = answers.filter((r) => r.status === 201).length;
  const soldOut = answers.filter((r) => r.status === 409 && r.body.code === 'INSUFFICIENT_STOCK').length;
  const flashListed = (await orderCount()) - flashOrdersBefore;
  const left = (await stock()).get(flashVariant);
  const flash = {
    orders201: won,
    ordersListed: flashListed,
    soldOut409: soldOut,
    otherErrors: buyers - won - soldOut,
    oversold: Math.max(0, flashListed - units, -left.onHand),
    onHandAfter: left.onHand,
    reservedAfter: left.reserved,
    wallMs: Math.round(wallMs),
  };
  const flashCorrect =
    flashListed === units &&
    won === units &&
    flash.oversold === 0 &&
    flash.otherErrors === 0 &&
    left.reserved === 0;
  rows.push({
    scenario: `flash sale: ${units} units, ${buyers.toLocaleString('en-US')} buyers at once`,
    rps: Math.round(buyers / (wallMs / 1000)),
    p50: ms(flashMs, 50),
    p99: ms(flashMs, 99),
    errors: flash.otherErrors,
    correctness:
      `${flashListed} orders; ${soldOut} × 409 sold out; oversold ${flash.oversold}; ` +
      `stock after ${left.onHand} on hand / ${left.reserved} reserved`,
    target: `exactly ${units} orders, 0 oversold, only sold-out 409s`,
    met: flashCorrect ? 'yes' : 'no',
  });
  return {
    rows,
    correct: checkoutCorrect && flashCorrect,
    checks: { checkout: checkoutChecks, flashSale: flash },
  };
}

/** `n` new accounts (25 at a time), each signed in with a default address in the bench store's area. */
async function makeShoppers(call, must, n) {
  const out = [];
  for (let i = 0; i < n; i += 25)
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
                postal_code: POSTAL_CODE,
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
  return out;
}
