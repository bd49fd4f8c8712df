import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { findOrFail } from '../../platform/errors.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import type { InventoryCatalogPort, VariantInfo } from './ports.js';
import { stockLevels, warehouses } from './schema.js';

/**
 * Read-only inventory reports: the low-stock list (INV-6) and the stock summary (INV-8). Both are
 * computed from the stock rows on each request; SKUs, names and prices come through the catalog port.
 */

const available = sql`${stockLevels.onHand} - ${stockLevels.reserved}`;
/** Low or out: available at or below the threshold (thresholds are ≥ 0, so out of stock is included). */
const isLow = sql`${available} <= ${stockLevels.lowStockThreshold}`;
const isOut = sql`${available} <= 0`;

export type LowStockLevel = 'low' | 'out';

type Breakdown = {
  sku_rows: number;
  skus: number;
  on_hand: number;
  reserved: number;
  committed: number;
  available: number;
  low_stock_count: number;
  out_of_stock_count: number;
  /** Per currency: units on hand at the current selling price, and at unit cost where it is known. */
  value: { currency: string; at_price_cents: number; at_cost_cents: number }[];
  rows_without_cost: number;
  rows_without_price: number;
};

const PRICE_CHUNK = 5000;

export function createInventoryReports(db: Db, catalog: InventoryCatalogPort) {
  const requireWarehouse = async (id: string) =>
    findOrFail(
      (await db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.id, id)))[0],
      'Warehouse',
    );

  async function describe(variantIds: string[]) {
    const out = new Map<string, VariantInfo>();
    const ids = [...new Set(variantIds)];
    for (let i = 0; i < ids.length; i += PRICE_CHUNK)
      for (const [k, v] of await catalog.describeVariants(ids.slice(i, i + PRICE_CHUNK))) out.set(k, v);
    return out;
  }

  /** Rows at or below their low-stock threshold, out of stock first (INV-6's computed list). */
  async function lowStock(filter: { warehouseId?: string; level?: LowStockLevel }, page: PageParams) {
    if (filter.warehouseId) await requireWarehouse(filter.warehouseId);
    const where = and(
      filter.warehouseId ? eq(stockLevels.warehouseId, filter.warehouseId) : undefined,
      filter.level === 'out' ? isOut : filter.level === 'low' ? sql`${available} > 0 and ${isLow}` : isLow,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ s: stockLevels, code: warehouses.code })
        .from(stockLevels)
        .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
        .where(where)
        .orderBy(asc(available), asc(warehouses.code), asc(stockLevels.variantId))
        .limit(pageOffset(page).limit)
        .offset(pageOffset(page).offset),
      db.select({ n: count() }).from(stockLevels).where(where),
    ]);
    const info = await describe(rows.map((r) => r.s.variantId));
    const items = rows.map(({ s, code }) => {
      const v = info.get(s.variantId);
      const avail = s.onHand - s.reserved;
      return {
        warehouse_id: s.warehouseId,
        warehouse_code: code,
        variant_id: s.variantId,
        sku: v?.sku ?? null,
        product_id: v?.productId ?? null,
        product_name: v?.productName ?? null,
        variant_name: v?.variantName ?? null,
        on_hand: s.onHand,
        reserved: s.reserved,
        available: avail,
        low_stock_threshold: s.lowStockThreshold,
        reorder_point: s.reorderPoint,
        backorder_allowed: s.backorderAllowed,
        level: (avail <= 0 ? 'out' : 'low') as LowStockLevel,
        alert_state: s.alertState,
        updated_at: s.updatedAt.toISOString(),
      };
    });
    return pageOf(items, total?.n ?? 0, page);
  }

  /** Units, values and low/out counts, in total and per warehouse (INV-8). */
  async function summary(filter: { warehouseId?: string }) {
    if (filter.warehouseId) await requireWarehouse(filter.warehouseId);
    const only = filter.warehouseId ? eq(stockLevels.warehouseId, filter.warehouseId) : undefined;
    const counts = {
      sku_rows: sql<number>`count(${stockLevels.variantId})::int`,
      skus: sql<number>`count(distinct ${stockLevels.variantId})::int`,
      on_hand: sql<number>`coalesce(sum(${stockLevels.onHand}), 0)::bigint`,
      reserved: sql<number>`coalesce(sum(${stockLevels.reserved}), 0)::bigint`,
      committed: sql<number>`coalesce(sum(${stockLevels.committed}), 0)::bigint`,
      available: sql<number>`coalesce(sum(greatest(${available}, 0)), 0)::bigint`,
      low_stock_count: sql<number>`(count(*) filter (where ${available} > 0 and ${isLow}))::int`,
      out_of_stock_count: sql<number>`(count(*) filter (where ${isOut}))::int`,
    };
    const [perWarehouse, [totals], stocked] = await Promise.all([
      // Every warehouse (or the one asked for), with or without stock rows.
      db
        .select({
          id: warehouses.id,
          code: warehouses.code,
          name: warehouses.name,
          isActive: warehouses.isActive,
          ...counts,
        })
        .from(warehouses)
        .leftJoin(stockLevels, eq(stockLevels.warehouseId, warehouses.id))
        .where(filter.warehouseId ? eq(warehouses.id, filter.warehouseId) : undefined)
        .groupBy(warehouses.id)
        .orderBy(asc(warehouses.code)),
      db.select(counts).from(stockLevels).where(only),
      // Values need prices, which are the catalog's: only rows with units on hand count.
      db
        .select({
          warehouseId: stockLevels.warehouseId,
          variantId: stockLevels.variantId,
          onHand: stockLevels.onHand,
          unitCostCents: stockLevels.unitCostCents,
        })
        .from(stockLevels)
        .where(and(only, sql`${stockLevels.onHand} > 0`)),
    ]);
    const prices = await describe(stocked.map((r) => r.variantId));
    type Values = Pick<Breakdown, 'value' | 'rows_without_cost' | 'rows_without_price'>;
    const values = new Map<string | null, Values>();
    const add = (
      key: string | null,
      currency: string | undefined,
      atPrice: number,
      atCost: number,
      r: (typeof stocked)[number],
    ) => {
      const v = values.get(key) ?? { value: [], rows_without_cost: 0, rows_without_price: 0 };
      values.set(key, v);
      if (r.unitCostCents === null) v.rows_without_cost++;
      if (!currency) {
        v.rows_without_price++;
        return;
      }
      let entry = v.value.find((e) => e.currency === currency);
      if (!entry) v.value.push((entry = { currency, at_price_cents: 0, at_cost_cents: 0 }));
      entry.at_price_cents += atPrice;
      entry.at_cost_cents += atCost;
    };
    for (const r of stocked) {
      const p = prices.get(r.variantId);
      const atPrice = p ? r.onHand * p.unitPriceCents : 0;
      const atCost = r.unitCostCents === null ? 0 : r.onHand * r.unitCostCents;
      add(null, p?.currency, atPrice, atCost, r);
      add(r.warehouseId, p?.currency, atPrice, atCost, r);
    }
    const valuesOf = (key: string | null): Values => {
      const v = values.get(key) ?? { value: [], rows_without_cost: 0, rows_without_price: 0 };
      return { ...v, value: [...v.value].sort((a, b) => a.currency.localeCompare(b.currency)) };
    };
    return {
      warehouse_id: filter.warehouseId ?? null,
      totals: { ...totals!, ...valuesOf(null) } satisfies Breakdown,
      warehouses: perWarehouse.map(({ id, code, name, isActive, ...c }) => ({
        warehouse_id: id,
        code,
        name,
        is_active: isActive,
        ...c,
        ...valuesOf(id),
      })),
    };
  }

  return { lowStock, summary };
}
