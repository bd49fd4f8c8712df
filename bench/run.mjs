// Benchmark runner: starts the real server (built, embedded PostgreSQL on a fresh data dir),
// measures start-up and idle memory, seeds the catalog at scale, then runs autocannon scenarios
// (cache on, then off) beside a bare-Fastify ceiling and prints one table.
// Usage: npm run bench [-- --connections 50 --duration 10 --products 100000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const connections = Number(args.connections ?? 50);
const duration = Number(args.duration ?? 10);
const port = Number(args.port ?? 3900);
const productCount = Number(args.products ?? 100000);
const dataDir = path.join(os.tmpdir(), `cartwheel-bench-${process.pid}`);
const base = `http://127.0.0.1:${port}`;

function startServer(extraEnv = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // Measure the server, not the brute-force guard.
      AUTH_RATE_LIMIT_IP: '100000000',
      AUTH_RATE_LIMIT_ACCOUNT: '100000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('] ready in')) resolve({ child, ms: Date.now() - started });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

const stop = (child) =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGINT');
  });

const rssMb = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

/** `paths`: one path, or a list picked at random per request (search queries, product pages). */
async function run(title, { path: urlPath, paths, url: fullUrl, ...opts }) {
  const url = fullUrl ?? base + (urlPath ?? paths[0]);
  if (paths) {
    opts.requests = [
      {
        setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }),
      },
    ];
  }
  await autocannon({ url, connections, duration: 2, ...opts }); // warm-up
  const r = await autocannon({ url, connections, duration, ...opts });
  return {
    scenario: title,
    'req/s': Math.round(r.requests.average),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    errors: r.errors + r.timeouts + (r.non2xx ?? 0),
  };
}

const results = [];
const server = path.join(root, 'apps/server/dist');
const baseEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };

function seedAtScale() {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [path.join(server, 'cli.js'), 'seed', '--products', String(productCount)],
      {
        env: baseEnv,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    p.on('exit', (code) =>
      code === 0 ? resolve(Date.now() - started) : reject(new Error(`seed exited ${code}`)),
    );
  });
}

function startCeiling(bodyFile) {
  const child = spawn(process.execPath, [path.join(root, 'bench/ceiling.mjs'), bodyFile, String(port + 1)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => child.stdout.once('data', () => resolve(child)));
}

const getJson = (p) => fetch(base + p).then((r) => r.json());

async function catalogScenarios(label) {
  const tree = await getJson('/api/v1/categories');
  const flat = [];
  const walk = (nodes) => nodes.forEach((n) => (flat.push(n), walk(n.children)));
  walk(tree);
  const categoryPaths = flat.flatMap((c) =>
    [1, 2, 3].map((pg) => `/api/v1/products?category=${c.slug}&page=${pg}&per_page=20`),
  );
  const slugs = [];
  for (let pg = 1; pg <= 10; pg++)
    slugs.push(...(await getJson(`/api/v1/products?per_page=100&page=${pg}`)).items.map((i) => i.slug));
  const queries = [
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
  return [
    await run(`category page, ${label}`, { paths: categoryPaths }),
    await run(`search (10 queries, typos), ${label}`, {
      paths: queries.flatMap((q) =>
        [1, 2].map((pg) => `/api/v1/products?q=${encodeURIComponent(q)}&page=${pg}`),
      ),
    }),
    await run(`product page (1,000 products), ${label}`, {
      paths: slugs.map((s) => `/api/v1/products/slug/${s}`),
    }),
  ];
}

const seedMs = await seedAtScale();
const { child, ms: warm } = await startServer();
let ceiling;
let idle;
let loaded;
try {
  await new Promise((r) => setTimeout(r, 5000));
  idle = rssMb(child.pid);

  const sample = await fetch(`${base}/api/v1/products?per_page=20`).then((r) => r.text());
  const bodyFile = path.join(os.tmpdir(), `cartwheel-ceiling-${process.pid}.json`);
  fs.writeFileSync(bodyFile, sample);
  ceiling = await startCeiling(bodyFile);
  results.push(
    await run('ceiling: bare Fastify, same JSON from memory', { url: `http://127.0.0.1:${port + 1}/page` }),
  );
  ceiling.kill();

  results.push(await run('GET /health/live (floor: app hooks, no I/O)', { path: '/health/live' }));
  results.push(...(await catalogScenarios('cache on')));

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'shopper@cartwheel.dev', password: 'cartwheel-shopper-1' }),
  }).then((r) => r.json());
  results.push(
    await run('GET /api/v1/auth/me', {
      path: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${login.access_token}` },
    }),
  );
  results.push(
    await run('POST /api/v1/auth/login (argon2id)', {
      path: '/api/v1/auth/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'shopper@cartwheel.dev', password: 'cartwheel-shopper-1' }),
    }),
  );
  loaded = rssMb(child.pid);
} finally {
  ceiling?.kill();
  await stop(child);
}

const uncached = await startServer({ CACHE: 'off' });
try {
  results.push(...(await catalogScenarios('cache off')));
} finally {
  await stop(uncached.child);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// A first start on an empty data dir: PostgreSQL init, migrations, demo accounts and catalog.
const fresh = await startServer();
await stop(fresh.child);
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(
  `\nCartwheel benchmarks — ${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}`,
);
console.log(
  `${productCount} products; connections ${connections}, ${duration} s per scenario after a 2 s warm-up\n`,
);
console.table(results);
console.table([
  { measure: `seed ${productCount} products (incl. PostgreSQL init)`, value: `${seedMs} ms` },
  { measure: 'first start on an empty data dir (init, migrate, demo seed)', value: `${fresh.ms} ms` },
  { measure: `start → ready with ${productCount} products`, value: `${warm} ms` },
  { measure: 'idle RSS of the server process', value: `${idle.toFixed(0)} MB` },
  { measure: 'RSS after the load runs', value: `${loaded.toFixed(0)} MB` },
]);
