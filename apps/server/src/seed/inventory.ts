import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InventoryService } from '../modules/inventory/index.js';
import { warehouses } from '../modules/inventory/schema.js';
import type { Db } from '../platform/db.js';

/**
 * Demo dark stores and stock (INV-1, INV-2, INV-9): three stores serving demo postal codes, and
 * every active variant stocked in each — a few low, and about one in 25 sold out everywhere, so
 * the low-stock list and the "out of stock" marks have something to show. Deterministic (quantities
 * hash the SKU and store code) and idempotent (skipped once any warehouse exists).
 *
 * Stock is written set-based (one statement per table, fast at 100k products) with a restock
 * movement per stocked row, so the ledger reconciles; each row starts at the alert level it is at
 * (seeding is not a crossing). The catalog's stock status (products.in_stock, which store can sell
 * what) is then recomputed through the inventory service.
 */

const HOURS = {
  mon: ['07:00', '23:00'],
  tue: ['07:00', '23:00'],
  wed: ['07:00', '23:00'],
  thu: ['07:00', '23:00'],
  fri: ['07:00', '23:00'],
  sat: ['08:00', '23:00'],
  sun: ['08:00', '22:00'],
} as const;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const DEMO_STORES = [
  {
    code: 'DS-CENTRAL',
    name: 'Cartwheel Central',
    line1: '1 Market Street',
    postalCodes: range(10001, 10010),
    baseEtaMinutes: 10,
  },
  {
    code: 'DS-NORTH',
    name: 'Cartwheel North',
    line1: '200 North Avenue',
    postalCodes: range(10011, 10020),
    baseEtaMinutes: 12,
  },
  {
    code: 'DS-SOUTH',
    name: 'Cartwheel South',
    line1: '35 Harbour Road',
    postalCodes: range(10021, 10030),
    baseEtaMinutes: 15,
  },
];

export type SeedInventorySummary =
  | { seeded: false; reason: string }
  | { seeded: true; stores: number; stockRows: number; outOfStockProducts: number; ms: number };

export async function seedInventory(deps: {
  db: Db;
  inventory: Pick<InventoryService, 'syncStockStatus'>;
  log?: (msg: string) => void;
}): Promise<SeedInventorySummary> {
  const started = performance.now();
  const result = await deps.db.transaction(async (tx) => {
    // One seeder at a time (several replicas starting together), then look again under the lock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cartwheel.seed.inventory'))`);
    const { rows } = await tx.execute<{ stores: boolean; variants: boolean }>(
      sql`select exists (select 1 from warehouses) as stores, exists (select 1 from product_variants) as variants`,
    );
    if (rows[0]?.stores) return { seeded: false as const, reason: 'warehouses already exist' };
    if (!rows[0]?.variants) return { seeded: false as const, reason: 'no products to stock' };

    await tx.insert(warehouses).values(
      DEMO_STORES.map((s) => ({
        id: randomUUID(),
        code: s.code,
        name: s.name,
        address: { line1: s.line1, city: 'Springfield', postal_code: s.postalCodes[0]!, country: 'US' },
        servicePostalCodes: s.postalCodes,
        openingHours: HOURS as unknown as Record<string, [string, string]>,
        baseEtaMinutes: s.baseEtaMinutes,
      })),
    );
    // h: a stable per-(variant, store) number; sold out: every store, for about 1 SKU in 25.
    const inserted = await tx.execute(sql`
      insert into stock_levels (warehouse_id, variant_id, on_hand, low_stock_threshold, reorder_point,
                                max_level, bin_location, unit_cost_cents, alert_state)
      select w.id, v.id, q.on_hand, 5, 10, 200,
             'A-' || lpad((abs(hashtext(v.sku)::bigint) % 40 + 1)::text, 2, '0') || '-' || (abs(hashtext(v.sku)::bigint) % 6 + 1),
             round(v.price_cents * 0.6)::int,
             case when q.on_hand = 0 then 'out' when q.on_hand <= 5 then 'low' else 'none' end::stock_alert_state
        from product_variants v
        join products p on p.id = v.product_id and p.status <> 'archived'
        cross join warehouses w
        cross join lateral (select abs(hashtext(v.sku || ':' || w.code)::bigint) as h) hh
        cross join lateral (select case
                                     when abs(hashtext(v.sku)::bigint) % 25 = 0 then 0
                                     when hh.h % 12 = 0 then 1 + hh.h % 5
                                     else 12 + hh.h % 90 end as on_hand) q
       where v.status = 'active'`);
    await tx.execute(sql`
      insert into stock_movements (warehouse_id, variant_id, type, quantity, on_hand_before, on_hand_after,
                                   reserved_before, reserved_after, reference_type, reference_id, note)
      select warehouse_id, variant_id, 'restock', on_hand, 0, on_hand, 0, 0, 'import', 'demo-seed', 'demo seed'
        from stock_levels where on_hand > 0`);
    return { seeded: true as const, stockRows: inserted.rowCount ?? 0 };
  });
  if (!result.seeded) return result;
  await deps.inventory.syncStockStatus();
  const soldOut = await deps.db.execute<{ n: number }>(
    sql`select count(*)::int as n from products where not in_stock and status <> 'archived'`,
  );
  const summary: SeedInventorySummary = {
    seeded: true,
    stores: DEMO_STORES.length,
    stockRows: result.stockRows,
    outOfStockProducts: soldOut.rows[0]!.n,
    ms: Math.round(performance.now() - started),
  };
  deps.log?.(
    `inventory seed: ${summary.stores} dark stores (postal codes 10001–10030), ${summary.stockRows} stock rows, ` +
      `${summary.outOfStockProducts} products out of stock, in ${summary.ms} ms`,
  );
  return summary;
}
