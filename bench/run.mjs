// Benchmark runner: starts the real server (built, embedded PostgreSQL on a fresh data dir),
// measures start-up and idle memory, then runs autocannon scenarios and prints one table.
// Usage: npm run bench [-- --connections 50 --duration 10]
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
const dataDir = path.join(os.tmpdir(), `cartwheel-bench-${process.pid}`);
const base = `http://127.0.0.1:${port}`;

function startServer() {
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

async function run(title, { path: urlPath, ...opts }) {
  const url = base + urlPath;
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
const first = await startServer();
const cold = first.ms;
await stop(first.child);
const { child, ms: warm } = await startServer();
try {
  await new Promise((r) => setTimeout(r, 5000));
  const idle = rssMb(child.pid);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'shopper@cartwheel.dev', password: 'cartwheel-shopper-1' }),
  }).then((r) => r.json());

  results.push(await run('GET /health/live (floor)', { path: '/health/live' }));
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
  const loaded = rssMb(child.pid);

  console.log(
    `\nCartwheel benchmarks — ${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}`,
  );
  console.log(`connections ${connections}, ${duration} s per scenario after a 2 s warm-up\n`);
  console.table(results);
  console.table([
    { measure: 'first start (init embedded PostgreSQL + migrate + seed)', value: `${cold} ms` },
    { measure: 'start on existing data dir → ready', value: `${warm} ms` },
    { measure: 'idle RSS of the server process', value: `${idle.toFixed(0)} MB` },
    { measure: 'RSS after the load runs', value: `${loaded.toFixed(0)} MB` },
  ]);
} finally {
  await stop(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
