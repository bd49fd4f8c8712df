import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// BIGINT/NUMERIC counts come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Service functions take either, so a caller can fold them into its own transaction. */
export type DbOrTx = Db | Tx;

export type Database = { pool: pg.Pool; db: Db; close: () => Promise<void> };

export function createDatabase(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle({ client: pool });
  return { pool, db, close: () => pool.end() };
}

/** Is this a PostgreSQL unique-violation error, optionally on a given constraint? */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}

function findPgError(err: unknown): { code?: string; constraint?: string } | undefined {
  // drizzle wraps driver errors; the pg error is the cause.
  let cur: unknown = err;
  for (let i = 0; i < 3 && cur; i++) {
    if (typeof cur === 'object' && cur !== null && 'code' in cur) return cur as { code?: string };
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
