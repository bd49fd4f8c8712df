import { getTableColumns, sql, type SQLChunk } from 'drizzle-orm';
import { getTableConfig, PgArray, type PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../platform/db.js';

/**
 * Bulk INSERT for the seed: `insert into t (…) select * from unnest($1::type[], $2::type[], …)`,
 * one parameter per column whatever the row count. Drizzle's multi-row insert spends ~0.4 s
 * building SQL for 1,000 wide rows; this sends the same rows in a fraction of that. Values go
 * through each column's own driver mapping (jsonb, timestamps, arrays), so rows are typed by the
 * table like any Drizzle insert. Every row must set the same columns (those of the first row).
 */
export async function bulkInsert<T extends PgTable>(db: DbOrTx, table: T, rows: T['$inferInsert'][]) {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => k in columns);
  const parts = keys.map((key, i) => {
    const column = columns[key]!;
    // Array columns travel as array literals (text) and are cast back: unnest would flatten them.
    const nested = column instanceof PgArray;
    const values = rows.map((row) => {
      const v = (row as Record<string, unknown>)[key];
      return v === null || v === undefined ? null : column.mapToDriverValue(v);
    });
    const type = column.getSQLType();
    return {
      name: sql.identifier(column.name),
      param: sql`${sql.param(values)}::${sql.raw(nested ? 'text' : type)}[]`,
      select: nested ? sql`${sql.identifier(`c${i}`)}::${sql.raw(type)}` : sql.identifier(`c${i}`),
      alias: sql.identifier(`c${i}`),
    };
  });
  const join = (items: SQLChunk[]) => sql.join(items, sql`, `);
  await db.execute(
    sql`insert into ${sql.identifier(getTableConfig(table).name)} (${join(parts.map((p) => p.name))})
        select ${join(parts.map((p) => p.select))}
        from unnest(${join(parts.map((p) => p.param))}) as t(${join(parts.map((p) => p.alias))})`,
  );
}
