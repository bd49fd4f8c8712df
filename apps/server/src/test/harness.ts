import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createDatabase, type Database } from '../platform/db.js';
import { mailOutbox } from '../platform/schema.js';
import { withDatabase } from './global-setup.js';

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `cw_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name} template ${inject('pgTemplate')}`);
        break;
      } catch (err) {
        // "source database is being accessed by other users": another file is cloning right now.
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Runs every job that is due (emails, exports…), as the worker would. */
  drain: () => Promise<void>;
  close: () => Promise<void>;
};

/** The production app (buildApp) on a fresh database; the worker is off and drained explicitly. */
export async function createTestApp(
  env: Record<string, string> = {},
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cartwheel-test-'));
  const config: Config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      WORKER: 'off',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.REDIS_URL ?? '',
      // Files that test the limits set their own; the rest must not trip over them.
      AUTH_RATE_LIMIT_IP: '100000',
      AUTH_RATE_LIMIT_ACCOUNT: '100000',
      ...env,
    }),
    // Test files share one Redis: keep their rate-limit counters apart.
    redisPrefix: `cw-test-${randomBytes(4).toString('hex')}:`,
    ...overrides,
  };
  const database = createDatabase(db.url, 10);
  const app = await buildApp(config, database);
  return {
    app,
    database,
    config,
    drain: () => app.queue.drain(),
    close: async () => {
      await app.close();
      await database.close();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second app instance on an existing test app's database (another replica, as in production):
 * same secrets, so tokens work on both. Closing it leaves the database to its owner.
 */
export async function createSiblingApp(t: TestApp, overrides: Partial<Config> = {}): Promise<TestApp> {
  const config: Config = { ...t.config, ...overrides };
  const database = createDatabase(config.databaseUrl!, 10);
  const app = await buildApp(config, database);
  return {
    app,
    database,
    config,
    drain: () => app.queue.drain(),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** app.inject with JSON and an optional bearer token; returns status, headers and parsed body. */
export async function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string>; ip?: string } = {},
) {
  const res = await app.inject({
    method,
    url,
    remoteAddress: opts.ip,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined && typeof opts.body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...opts.headers,
    },
    payload:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  });
  const type = String(res.headers['content-type'] ?? '');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are asserted field by field
  const body: any = type.includes('json') && res.body ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, headers: res.headers, body };
}

/** The newest email to an address, from the outbox (the dev mailbox). */
export async function lastMail(t: TestApp, to: string, template?: string) {
  const [row] = await t.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, to), template ? eq(mailOutbox.template, template) : undefined))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return row;
}

export const tokenFromMail = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

let seq = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${seq++}@example.com`;

export const STRONG_PASSWORD = 'correct-horse-battery-9';

export async function registerUser(t: TestApp, email = uniqueEmail(), password = STRONG_PASSWORD) {
  const res = await call(t.app, 'POST', '/api/v1/auth/register', {
    body: { email, password, first_name: 'Test', last_name: 'User' },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, email, password };
}

export async function login(t: TestApp, email: string, password = STRONG_PASSWORD, ip?: string) {
  const res = await call(t.app, 'POST', '/api/v1/auth/login', { body: { email, password }, ip });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { access_token: string; refresh_token: string; user: { id: string; role: string } };
}

/** A signed-in user; `role` other than customer is granted directly in the database. */
export async function signedIn(t: TestApp, role: 'customer' | 'staff' | 'admin' | 'rider' = 'customer') {
  const user = await registerUser(t, uniqueEmail(role));
  if (role !== 'customer') {
    await t.database.pool.query('update users set role = $1 where id = $2', [role, user.id]);
  }
  const tokens = await login(t, user.email, user.password);
  return { ...user, token: tokens.access_token, refresh: tokens.refresh_token };
}
