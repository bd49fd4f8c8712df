// Shared by the commerce and tracking benchmarks: argument parsing, the built server on a fresh
// data dir (embedded PostgreSQL, demo data, simulation off, no rate limits), and a JSON API client.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `--name value` pairs from the command line. */
export const parseArgs = () =>
  Object.fromEntries(
    process.argv
      .slice(2)
      .reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
  );

/** Starts the built server with the demo data; resolves with the child once it is ready. */
export function startDemoServer({ port, dataDir }) {
  const child = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'on',
      DELIVERY_SIMULATION: 'off',
      AUTH_RATE_LIMIT_IP: '100000000',
      AUTH_RATE_LIMIT_ACCOUNT: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('] ready in')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

/** Stops the server (graceful: it stops its PostgreSQL) and deletes its data dir. */
export async function stopDemoServer(child, dataDir) {
  await new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
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
  return { call, must };
}
