// Read scenarios: the ceiling (a bare Fastify route with the same JSON from memory), the floor (the
// app's hooks, no I/O), catalog pages (category, search with typos, product) and the auth reads.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { apiClient, DEMO, freePort, measureLoad, root } from '../support.mjs';

const SEARCHES = [
  'milk',
  'milc',
  'choc',
  'organic apple',
  'bread',
  'chese',
  'coffee beans',
  'shampoo',
  'bananna',
  'juice orange',
];

/** A row, with its share of the ceiling when one was measured. */
function row(scenario, r, ctx, target) {
  const ceiling = ctx.ceilingRps ? `${Math.round((100 * r.rps) / ctx.ceilingRps)} %` : undefined;
  return {
    scenario,
    ...r,
    ceiling,
    ...(target ? { target: target.text, met: target.met(r, ctx) ? 'yes' : 'no' } : {}),
  };
}

/**
 * The ceiling: the body of a real 20-product page served by bench/ceiling.mjs (its own process,
 * like the server) on the same cores, so the catalog's ratios to it mean something.
 */
export async function ceiling(server, load) {
  const body = await fetch(`${server.api}/products?per_page=20`).then((r) => r.text());
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bench/ceiling.mjs'), String(port)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(body);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  try {
    const r = await measureLoad({ url: `http://127.0.0.1:${port}/page` }, load);
    return { scenario: '**ceiling**: bare Fastify, same JSON from memory', ...r };
  } finally {
    child.kill();
  }
}

export async function floor(server, load, ctx) {
  return row(
    '`GET /health/live` (floor: app hooks, no I/O)',
    await measureLoad({ url: `${server.base}/health/live` }, load),
    ctx,
  );
}

/** The URL lists the catalog scenarios rotate over, read once from the catalog itself. */
export async function catalogPaths(server) {
  const get = (p) => fetch(server.api + p).then((r) => r.json());
  const flat = [];
  const walk = (nodes) => nodes.forEach((n) => (flat.push(n), walk(n.children)));
  walk(await get('/categories'));
  const slugs = [];
  for (let pg = 1; pg <= 10; pg++)
    slugs.push(...(await get(`/products?per_page=100&page=${pg}`)).items.map((i) => i.slug));
  return {
    categories: flat.flatMap((c) =>
      [1, 2, 3].map((pg) => `/api/v1/products?category=${c.slug}&page=${pg}&per_page=20`),
    ),
    searches: SEARCHES.flatMap((q) =>
      [1, 2].map((pg) => `/api/v1/products?q=${encodeURIComponent(q)}&page=${pg}`),
    ),
    products: slugs.map((s) => `/api/v1/products/slug/${s}`),
  };
}

/** Category, search and product pages; `cache` says whether the server runs with its catalog cache. */
export async function catalog(server, load, ctx, paths, cache) {
  const label = cache ? 'cache on' : 'cache off';
  const run = (list) => measureLoad({ url: server.base, paths: list }, load);
  return [
    row(
      `category page (${paths.categories.length} URLs), ${label}`,
      await run(paths.categories),
      ctx,
      cache
        ? {
            text: '≥ 50 % of ceiling, p99 < 25 ms',
            met: (r) => r.rps >= 0.5 * ctx.ceilingRps && r.p99 < 25,
          }
        : { text: '≥ 2,000 req/s', met: (r) => r.rps >= 2000 },
    ),
    row(
      `search (${SEARCHES.length} queries incl. typos, 2 pages), ${label}`,
      await run(paths.searches),
      ctx,
      cache && { text: '≥ 1,000 req/s, p99 < 40 ms', met: (r) => r.rps >= 1000 && r.p99 < 40 },
    ),
    row(
      `product page (${paths.products.length.toLocaleString('en-US')} products), ${label}`,
      await run(paths.products),
      ctx,
      cache && { text: 'p99 < 15 ms', met: (r) => r.p99 < 15 },
    ),
  ];
}

/**
 * Authenticated reads: a JWT check plus two queries, and a login (argon2id, bound by design). Not
 * catalog pages, so no share of the ceiling.
 */
export async function auth(server, load) {
  const { login } = apiClient(server.api);
  const token = await login(...DEMO.shopper);
  const [email, password] = DEMO.shopper;
  const me = { url: `${server.api}/auth/me`, headers: { authorization: `Bearer ${token}` } };
  const signIn = {
    url: `${server.api}/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  };
  return [
    { scenario: '`GET /api/v1/auth/me` (JWT + 2 queries)', ...(await measureLoad(me, load)) },
    { scenario: '`POST /api/v1/auth/login` (argon2id)', ...(await measureLoad(signIn, load)) },
  ];
}
