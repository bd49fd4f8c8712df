import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const serverMain = path.join(root, 'apps/server/dist/main.js');
const webIndex = path.join(root, 'apps/web/dist/index.html');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForLive(url: string, child: ChildProcess, log: () => string, ms = 150_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) during start:\n${log()}`);
    try {
      if ((await fetch(`${url}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not start within ${ms / 1000} s:\n${log()}`);
}

/**
 * Starts the built server (nothing is built here: run `npm run build` first) on a free port with
 * a temporary DATA_DIR — an embedded PostgreSQL with the demo catalog, stores and accounts — and
 * stops it, database included, when the run ends.
 */
export default async function setup(project: TestProject) {
  for (const file of [serverMain, webIndex])
    if (!fs.existsSync(file))
      throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);

  const port = await freePort();
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cartwheel-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'on',
    // Every browser signs in from 127.0.0.1: the per-IP limit would throttle the suite itself.
    AUTH_RATE_LIMIT_IP: '10000',
    AUTH_RATE_LIMIT_ACCOUNT: '10000',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.WEB_DIR;

  let output = '';
  const child = spawn(process.execPath, [serverMain], { cwd: root, env, detached: true, stdio: 'pipe' });
  child.stdout!.on('data', (c) => (output += String(c)));
  child.stderr!.on('data', (c) => (output += String(c)));
  const baseURL = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // SIGTERM: the server drains and stops its embedded PostgreSQL itself.
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await fsp.rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForLive(baseURL, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  project.provide('baseURL', baseURL);
  return stop;
}
