import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../platform/storage.js';
import { call, createTestApp, signedIn, type TestApp } from '../test/harness.js';
import { seedCatalog } from './catalog.js';
import { DEMO_STORES, seedInventory, type SeedInventorySummary } from './inventory.js';

let t: TestApp;
let first: SeedInventorySummary;

const query = async <T>(text: string) => (await t.database.pool.query(text)).rows as T[];
const seed = () => seedInventory({ db: t.database.db, inventory: t.app.services.inventory });

beforeAll(async () => {
  t = await createTestApp();
  // Nothing to stock yet: the seed waits for a catalog.
  expect(await seed()).toEqual({ seeded: false, reason: 'no products to stock' });
  await seedCatalog(
    {
      db: t.database.db,
      storage: createLocalStorage(`${t.config.dataDir}/files`),
      identity: t.app.services.identity,
    },
    { products: 80, ownImages: 0 },
  );
  first = await seed();
});
afterAll(async () => t?.close());

describe('demo stock seed', () => {
  it('creates the dark stores, serving their postal codes', async () => {
    expect(first).toMatchObject({ seeded: true, stores: DEMO_STORES.length });
    const res = await call(t.app, 'GET', '/api/v1/stores/resolve?postal_code=10015');
    expect(res.status).toBe(200);
    expect(res.body.warehouse.code).toBe('DS-NORTH');
  });

  it('stocks every active variant in every store, with a ledger that reconciles', async () => {
    const [counts] = await query<{ rows: number; expected: number; mismatched: number; bad_level: number }>(`
      select (select count(*) from stock_levels)::int as rows,
             (select count(*) from product_variants v join products p on p.id = v.product_id
               where v.status = 'active' and p.status <> 'archived')::int * ${DEMO_STORES.length} as expected,
             (select count(*) from stock_levels s
               where s.on_hand <> coalesce((select sum(m.on_hand_after - m.on_hand_before) from stock_movements m
                                              where m.warehouse_id = s.warehouse_id and m.variant_id = s.variant_id), 0))::int as mismatched,
             (select count(*) from stock_levels
               where alert_state::text <> case when on_hand - reserved <= 0 then 'out'
                                               when on_hand - reserved <= low_stock_threshold then 'low' else 'none' end)::int as bad_level`);
    expect(counts).toMatchObject({ mismatched: 0, bad_level: 0 });
    expect(counts!.rows).toBe(counts!.expected);
    expect(first).toMatchObject({ stockRows: counts!.rows });
    const low = await call(t.app, 'GET', '/api/v1/admin/inventory/low-stock?per_page=1', {
      token: (await signedIn(t, 'staff')).token,
    });
    expect(low.body.total).toBeGreaterThan(0);
  });

  it('leaves products.in_stock consistent with the seeded stock', async () => {
    const rows = await query<{ id: string; in_stock: boolean; stocked: boolean }>(`
      select p.id, p.in_stock, exists (
        select 1 from product_variants v join stock_levels s on s.variant_id = v.id
          join warehouses w on w.id = s.warehouse_id
         where v.product_id = p.id and v.status = 'active' and w.is_active
           and (s.backorder_allowed or s.on_hand - s.reserved > 0)) as stocked
      from products p where p.status <> 'archived'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.in_stock !== r.stocked)).toEqual([]);
    // The demo has sold-out products to show (deterministic: the catalog seed and SKU hashes are fixed).
    const soldOut = rows.filter((r) => !r.stocked).length;
    expect(soldOut).toBeGreaterThan(0);
    expect(first).toMatchObject({ outOfStockProducts: soldOut });
  });

  it('agrees with the upgrade migration that backfills in_stock and alert levels', async () => {
    // Scramble both, as a database from before the migration would have them, then apply it.
    const tracked = `exists (select 1 from product_variants v join stock_levels s on s.variant_id = v.id
                              where v.product_id = p.id)`;
    await t.database.pool.query(`update products p set in_stock = not in_stock where ${tracked}`);
    await t.database.pool.query(`update stock_levels set alert_state = 'none'`);
    const migration = await readFile(
      new URL('../../migrations/0009_inventory_stock_status_backfill.sql', import.meta.url),
      'utf8',
    );
    for (const statement of migration.split('--> statement-breakpoint'))
      await t.database.pool.query(statement);
    const [bad] = await query<{ products: number; levels: number }>(`
      select (select count(*) from products p where ${tracked} and p.in_stock <> exists (
                select 1 from product_variants v join stock_levels s on s.variant_id = v.id
                  join warehouses w on w.id = s.warehouse_id
                 where v.product_id = p.id and v.status = 'active' and w.is_active
                   and (s.backorder_allowed or s.on_hand - s.reserved > 0)))::int as products,
             (select count(*) from stock_levels
               where alert_state::text <> case when on_hand - reserved <= 0 then 'out'
                                               when on_hand - reserved <= low_stock_threshold then 'low' else 'none' end)::int as levels`);
    expect(bad).toEqual({ products: 0, levels: 0 });
  });

  it('agrees with the upgrade migration that backfills which store can sell which variant', async () => {
    const pairs = () =>
      query<{ pair: string }>(
        `select warehouse_id || '/' || variant_id as pair from variant_availability order by 1`,
      );
    const synced = await pairs();
    // Every stock row but the sold-out ones: the seed's recompute filled it.
    const [stocked] = await query<{ n: number }>(
      `select count(*)::int as n from stock_levels where on_hand > 0`,
    );
    expect(synced).toHaveLength(stocked!.n);
    await t.database.pool.query('delete from variant_availability');
    const migration = await readFile(
      new URL('../../migrations/0014_store_availability.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.split('--> statement-breakpoint').filter((s) => /^insert into/im.test(s));
    expect(backfill).toHaveLength(1);
    await t.database.pool.query(backfill[0]!);
    expect(await pairs()).toEqual(synced);
  });

  it('runs once', async () => {
    expect(await seed()).toEqual({ seeded: false, reason: 'warehouses already exist' });
  });
});
