import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db } from '../../platform/db.js';
import { publish } from '../../platform/events.js';
import type { InventoryCatalogPort } from '../inventory/index.js';
import { CATALOG_CACHE, CATALOG_STOCK_TOPIC } from './categories.js';
import { effectivePrice } from './products.js';
import { products, productVariants, variantAvailability } from './schema.js';

/** (warehouse, variant) pairs as a two-column relation, sent as two array parameters. */
const pairs = (rows: { warehouseId: string; variantId: string }[]) =>
  sql`unnest(string_to_array(${rows.map((r) => r.warehouseId).join(',')}, ',')::uuid[], string_to_array(${rows.map((r) => r.variantId).join(',')}, ',')::uuid[])`;

/**
 * The catalog's side of the inventory port: SKU lookups and variant details for stock feeds and
 * reports, and stock status, which inventory keeps in step with stock: `products.in_stock` (sellable
 * anywhere, CAT-5, CAT-6) and `variant_availability` (sellable at which store, INV-9).
 */
export function inventoryCatalogPortFor(db: Db, cache: Cache): InventoryCatalogPort {
  return {
    async variantIdsBySku(skus) {
      const wanted = [...new Set(skus.map((s) => s.toLowerCase()))];
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: productVariants.id, sku: productVariants.sku })
        .from(productVariants)
        .where(inArray(sql`lower(${productVariants.sku})`, wanted));
      return new Map(rows.map((r) => [r.sku.toLowerCase(), r.id]));
    },

    async describeVariants(variantIds) {
      const ids = [...new Set(variantIds)];
      if (!ids.length) return new Map();
      const rows = await db
        .select({
          variantId: productVariants.id,
          productId: products.id,
          sku: productVariants.sku,
          productName: products.name,
          variantName: productVariants.name,
          priceCents: productVariants.priceCents,
          salePriceCents: productVariants.salePriceCents,
          currency: products.currency,
        })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(inArray(productVariants.id, ids));
      return new Map(
        rows.map(({ priceCents, salePriceCents, ...r }) => [
          r.variantId,
          { ...r, unitPriceCents: effectivePrice({ priceCents, salePriceCents }) },
        ]),
      );
    },

    async setStockStatus(tx, variantIds, sellable) {
      if (!variantIds.length) return [];
      // Locked first, in id order: two transactions selling the last units of two variants of one
      // product take turns, and the second sees what the first committed (no stale "in stock").
      const locked = await tx
        .select({ id: products.id, inStock: products.inStock })
        .from(products)
        .where(
          inArray(
            products.id,
            tx
              .select({ id: productVariants.productId })
              .from(productVariants)
              .where(inArray(productVariants.id, variantIds)),
          ),
        )
        .orderBy(asc(products.id))
        .for('no key update');
      if (!locked.length) return [];
      const variants = await tx
        .select({
          id: productVariants.id,
          productId: productVariants.productId,
          status: productVariants.status,
        })
        .from(productVariants)
        .where(
          inArray(
            productVariants.productId,
            locked.map((p) => p.id),
          ),
        );
      const family = variants.map((v) => v.id);
      const productOf = new Map(variants.map((v) => [v.id, v.productId]));
      const sellableAt = await sellable(family);
      const changed = new Set<string>();

      // Which store can sell which variant: rows added and removed, archived variants included.
      const key = (r: { warehouseId: string; variantId: string }) => `${r.warehouseId}/${r.variantId}`;
      const before = await tx
        .select()
        .from(variantAvailability)
        .where(inArray(variantAvailability.variantId, family));
      const had = new Set(before.map(key));
      const has = new Set(sellableAt.map(key));
      const added = sellableAt.filter((r) => !had.has(key(r)));
      const removed = before.filter((r) => !has.has(key(r)));
      if (removed.length)
        await tx.execute(sql`
          delete from ${variantAvailability}
          where (warehouse_id, variant_id) in (select * from ${pairs(removed)})`);
      if (added.length)
        await tx.execute(
          sql`insert into ${variantAvailability} (warehouse_id, variant_id) select * from ${pairs(added)}`,
        );
      for (const r of [...added, ...removed]) changed.add(productOf.get(r.variantId)!);

      // Whether any store can sell the product: one of its active variants is sellable somewhere.
      const active = new Set(variants.filter((v) => v.status === 'active').map((v) => v.id));
      const inStock = new Set(
        sellableAt.filter((r) => active.has(r.variantId)).map((r) => productOf.get(r.variantId)),
      );
      const flipped = locked.filter((p) => p.inStock !== inStock.has(p.id));
      for (const value of [true, false]) {
        const ids = flipped.filter((p) => inStock.has(p.id) === value).map((p) => p.id);
        if (ids.length) await tx.update(products).set({ inStock: value }).where(inArray(products.id, ids));
      }
      for (const p of flipped) changed.add(p.id);
      // Now, and again once the transaction has committed: a read between the two may have cached
      // what was true before. Inventory calls stockStatusCommitted after its own transactions; the
      // notification covers callers' transactions (checkout) and every other replica.
      if (changed.size) {
        await cache.invalidate(CATALOG_CACHE);
        await publish(tx, { topic: CATALOG_STOCK_TOPIC, type: 'changed' });
      }
      return [...changed];
    },

    stockStatusCommitted: () => cache.invalidate(CATALOG_CACHE),
  };
}
