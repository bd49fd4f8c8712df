// Shared by every benchmark: arguments, the one way to start a bench server (the built server on a
// fresh embedded PostgreSQL; or the same app opened in process, for benchmarks of its internals),
// load and latency measuring, a JSON API client, and the results table.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/server/dist');

/**
 * `--name value` (or `--name=value`) over `defaults`; numbers where the default is a number.
 * An unknown flag stops the run with the list of known ones, so a typo never runs a long bench.
 */
export function parseArgs(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const [, name, inline] = m;
    if (!(name in defaults)) {
      const known = Object.entries(defaults).map(([k, v]) => `--${k} (${v})`);
      console.error(`unknown flag --${name}; known: ${known.join(', ')}`);
      process.exit(2);
    }
    const raw = inline ?? argv[++i];
    out[name] = typeof defaults[name] === 'number' ? Number(raw) : raw;
    if (Number.isNaN(out[name])) {
      console.error(`--${name} needs a number (got ${raw})`);
      process.exit(2);
    }
  }
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const freshDataDir = (name) => fs.mkdtempSync(path.join(os.tmpdir(), `cartwheel-bench-${name}-`));
export const removeDataDir = (dataDir) => fs.rmSync(dataDir, { recursive: true, force: true });

/**
 * The server's environment for a bench: its own data dir (embedded PostgreSQL), demo accounts,
 * worker in process, no delivery simulation (it would move deliveries under the benchmark) and no
 * brute-force limits (they would measure the guard, not the server).
 */
const serverEnv = (dataDir, env) => ({
  ...process.env,
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  REDIS_URL: '',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'on',
  DELIVERY_SIMULATION: 'off',
  AUTH_RATE_LIMIT_IP: '100000000',
  AUTH_RATE_LIMIT_ACCOUNT: '100000000',
  ...env,
});

/** The demo catalog scaled to `products` in `dataDir` (`cli seed`: also initialises PostgreSQL); ms taken. */
export function seedCatalog(dataDir, products) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(dist, 'cli.js'), 'seed', '--products', String(products)], {
      env: serverEnv(dataDir, {}),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    p.on('exit', (code) =>
      code === 0 ? resolve(Date.now() - started) : reject(new Error(`seed exited ${code}`)),
    );
  });
}

/**
 * Starts the built server on `dataDir` (an empty one gets the demo catalog on first start).
 * Resolves once it is ready, with its URLs, how long it took, and `stop` (graceful: it stops its
 * PostgreSQL; the data dir stays for a restart).
 */
export async function startServer({ dataDir, env = {} }) {
  const port = await freePort();
  const pgPort = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(dist, 'main.js')], {
    env: serverEnv(dataDir, { PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), ...env }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('] ready in')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    api: `${base}/api/v1`,
    /** The bench reads PostgreSQL's own statistics (and version) here; the load goes through HTTP. */
    databaseUrl: `postgres://cartwheel:cartwheel@127.0.0.1:${pgPort}/cartwheel`,
    pid: child.pid,
    readyMs: Date.now() - started,
    rssMb: () => rssMb(child.pid),
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
        child.kill('SIGINT');
      }),
  };
}

/** A module of the built server (`platform/queue.js`): the same instances `openApp` uses. */
export const importServer = (file) => import(pathToFileURL(path.join(dist, file)).href);

/**
 * The same app in this process (built code, same composition as the server's start, no listening
 * socket and no seeding), for benchmarks of internals such as the job queue. `close` stops it and
 * its PostgreSQL.
 */
export async function openApp({ dataDir, env = {} }) {
  const { loadConfig } = await importServer('config.js');
  const { openRuntime } = await importServer('runtime.js');
  const { buildApp } = await importServer('app.js');
  const runtime = await openRuntime(loadConfig(serverEnv(dataDir, { WORKER: 'off', ...env })));
  const app = await buildApp(runtime.config, runtime.database);
  return {
    app,
    database: runtime.database,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

/** Resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(2)));

/** One query against the server's PostgreSQL (statistics, version), on a connection of its own. */
export async function queryDatabase(databaseUrl, text) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** CPU, memory, Node and PostgreSQL versions: what a number needs beside it to mean anything. */
export async function machine(server) {
  const [{ server_version: postgres }] = await queryDatabase(server.databaseUrl, 'show server_version');
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Sorted sample → percentile (nearest rank). */
export const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

/**
 * An autocannon run of `warmup` seconds, then the measured one of `duration` seconds. With `paths`
 * (a list picked from at random per request: search queries, product pages) `url` is the origin.
 */
export async function measureLoad({ url, paths, ...request }, { connections, duration, warmup }) {
  const opts = { url: paths ? url + paths[0] : url, connections, ...request };
  if (paths)
    opts.requests = [
      { setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) },
    ];
  if (warmup > 0) await autocannon({ ...opts, duration: warmup });
  const r = await autocannon({ ...opts, duration });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    requests: r.requests.total,
  };
}

/**
 * Runs `fn(lane, i)` on `n` lanes at once, each lane looping until `fn` returns null; collects each
 * call's latency and the status it returned. For flows autocannon cannot express (per-user tokens).
 */
export async function lanes(n, fn) {
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
  return { count: latencies.length, latencies, statuses };
}

/** JSON calls against `base` (…/api/v1); `must` returns the body or throws naming the step. */
export function apiClient(base) {
  async function call(method, url, { token, body, headers = {} } = {}) {
    const res = await fetch(base + url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const must = (res, status, what) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const login = async (email, password) =>
    must(await call('POST', '/auth/login', { body: { email, password } }), 200, `login ${email}`)
      .access_token;
  return { call, must, login };
}

export const DEMO = {
  admin: ['admin@cartwheel.dev', 'cartwheel-admin-1'],
  staff: ['staff@cartwheel.dev', 'cartwheel-staff-1'],
  shopper: ['shopper@cartwheel.dev', 'cartwheel-shopper-1'],
};

/** The suite's columns: [key in a row, title, alignment]. */
const SCENARIO_COLUMNS = [
  ['scenario', 'scenario', 'left'],
  ['rps', 'req/s', 'right'],
  ['p50', 'p50 ms', 'right'],
  ['p99', 'p99 ms', 'right'],
  ['errors', 'errors', 'right'],
  ['correctness', 'correctness', 'left'],
  ['ceiling', 'of ceiling', 'right'],
  ['target', 'target', 'left'],
  ['met', 'met', 'left'],
];

const cell = (v) => {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'number') return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return String(v);
};

/** Result rows as one Markdown table (columns nobody filled are left out), ready for the docs. */
export function formatTable(rows, columns = SCENARIO_COLUMNS) {
  const cols = columns.filter(([key]) => rows.some((r) => cell(r[key]) !== ''));
  const cells = rows.map((r) => cols.map(([key]) => cell(r[key])));
  const widths = cols.map(([, title], i) => Math.max(title.length, 3, ...cells.map((c) => c[i].length)));
  const line = (values) =>
    `| ${values.map((v, i) => (cols[i][2] === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (cols[i][2] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cols.map(([, title]) => title)), rule, ...cells.map(line)].join('\n');
}

/** Writes `data` as JSON to bench/results/<name>.json (not committed) and returns the path. */
export function writeResults(name, data) {
  const file = path.join(root, 'bench/results', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return path.relative(root, file);
}
