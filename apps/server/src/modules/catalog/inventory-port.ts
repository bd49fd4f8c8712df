import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db } from '../../platform/db.js';
import type { InventoryCatalogPort } from '../inventory/index.js';
import { CATALOG_CACHE } from './categories.js';
import { effectivePrice } from './products.js';
import { products, productVariants } from './schema.js';

/**
 * The catalog's side of the inventory port: SKU lookups and variant details for stock feeds and
 * reports, and `products.in_stock`, which inventory keeps in step with stock (CAT-5, CAT-6).
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
        .select({ id: productVariants.id, productId: productVariants.productId })
        .from(productVariants)
        .where(
          and(
            inArray(
              productVariants.productId,
              locked.map((p) => p.id),
            ),
            eq(productVariants.status, 'active'),
          ),
        );
      const stocked = await sellable(variants.map((v) => v.id));
      const inStock = new Set(variants.filter((v) => stocked.has(v.id)).map((v) => v.productId));
      const changed = locked.filter((p) => p.inStock !== inStock.has(p.id));
      for (const value of [true, false]) {
        const ids = changed.filter((p) => inStock.has(p.id) === value).map((p) => p.id);
        if (ids.length) await tx.update(products).set({ inStock: value }).where(inArray(products.id, ids));
      }
      // Now, and again once the caller's transaction has committed (stockStatusCommitted).
      if (changed.length) await cache.invalidate(CATALOG_CACHE);
      return changed.map((p) => p.id);
    },

    stockStatusCommitted: () => cache.invalidate(CATALOG_CACHE),
  };
}
