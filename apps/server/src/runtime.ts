import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.js';
import { createDatabase, type Database } from './platform/db.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './platform/embedded-postgres.js';
import { runMigrations } from './platform/migrate.js';

export type Runtime = { config: Config; database: Database; databaseUrl: string; close: () => Promise<void> };

const EMBEDDED_DB = 'cartwheel';

/**
 * Everything the app needs before it can be built: a database (embedded unless DATABASE_URL is
 * set), migrations applied, and a JWT secret (kept in the data dir outside production).
 */
export async function openRuntime(
  config: Config,
  opts: { migrate?: boolean; log?: (msg: string) => void } = {},
): Promise<Runtime> {
  const log = opts.log ?? (() => {});
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log(`Starting embedded PostgreSQL in ${path.join(config.dataDir, 'pg')}`);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
    });
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DB);
    databaseUrl = embedded.url(EMBEDDED_DB);
  }
  try {
    if (opts.migrate !== false) await runMigrations(databaseUrl);
    const jwtSecret = config.jwtSecret ?? (await localSecret(config.dataDir));
    const full: Config = { ...config, jwtSecret };
    const database = createDatabase(databaseUrl, config.databasePoolMax);
    return {
      config: full,
      database,
      databaseUrl,
      close: async () => {
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

export async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** Development only: a secret generated once per data dir, so sessions survive restarts. */
async function localSecret(dataDir: string) {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  await fs.mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
