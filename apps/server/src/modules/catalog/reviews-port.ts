import { eq } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db } from '../../platform/db.js';
import { CATALOG_CACHE } from './categories.js';
import type { ReviewsCatalogPort } from '../reviews/index.js';
import { products } from './schema.js';

/**
 * The catalog's side of the reviews port: reviews reads a product's identity and status, and
 * writes the rating summary the catalog shows and sorts by. Products stay the catalog's table.
 */
export function catalogPortFor(db: Db, cache: Cache): ReviewsCatalogPort {
  return {
    async getProduct(productId) {
      const [row] = await db
        .select({ id: products.id, name: products.name, slug: products.slug, status: products.status })
        .from(products)
        .where(eq(products.id, productId));
      return row;
    },
    async setRatingSummary(tx, productId, s) {
      await tx
        .update(products)
        .set({ ratingAvg: s.avg, ratingCount: s.count, ratingDistribution: s.distribution })
        .where(eq(products.id, productId));
    },
    // Invalidated after commit: earlier, a concurrent read could cache the old summary again.
    ratingSummaryCommitted: () => cache.invalidate(CATALOG_CACHE),
  };
}
