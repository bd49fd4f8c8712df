import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrateQueue } from './queue.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Any constant works; it only has to be the same for every replica racing to migrate. */
const MIGRATION_LOCK = 727_001;

/**
 * Applies the committed, forward-only SQL migrations and graphile-worker's own schema. An advisory
 * lock makes replicas that start together take turns instead of racing.
 */
export async function runMigrations(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_DIR });
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await migrateQueue(pool);
    } finally {
      await pool.end();
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
