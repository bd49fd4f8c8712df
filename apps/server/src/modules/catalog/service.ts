import { and, asc, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import type { Storage } from '../../platform/storage.js';
import { CATALOG_CACHE, createCategoryService } from './categories.js';
import { createImageService } from './images.js';
import { importProducts } from './import.js';
import { createProductService } from './products.js';
import {
  categories as categoryTable,
  products,
  productRecommendations,
  productViewsDaily,
} from './schema.js';
import { createSearchService } from './search.js';

/** The dark stores listings can answer for (the inventory module owns them; app.ts wires it). */
export type StoreDirectory = { exists(storeId: string): Promise<boolean> };

export function createCatalogService(deps: {
  db: Db;
  cache: Cache;
  storage: Storage;
  uploadMaxBytes: number;
  stores: StoreDirectory;
}) {
  const { db, cache } = deps;
  const categories = createCategoryService(db, cache);
  const images = createImageService({
    db,
    storage: deps.storage,
    maxBytes: deps.uploadMaxBytes,
    // Product reads carry the main image: a gallery change must not be served stale from the cache.
    onProductChange: () => cache.invalidate(CATALOG_CACHE),
  });
  const productSvc = createProductService(
    db,
    cache,
    async (id) => (await images.listForProducts([id])).get(id) ?? [],
  );
  const search = createSearchService(db, cache);

  // Page views are counted in memory and written in one statement per flush, so a product page
  // never waits on a write (CAT-8). Pages are addressed by id or by slug; the flush resolves both.
  let pendingViews = new Map<string, number>();

  async function flushViews() {
    if (!pendingViews.size) return;
    const batch = pendingViews;
    pendingViews = new Map();
    const ids: string[] = [];
    const slugs: string[] = [];
    for (const key of batch.keys())
      (key.startsWith('id:') ? ids : slugs).push(key.slice(key.indexOf(':') + 1));
    const found = await db
      .select({ id: products.id, slug: products.slug })
      .from(products)
      .where(
        or(
          ids.length ? inArray(products.id, ids) : undefined,
          slugs.length ? inArray(products.slug, slugs) : undefined,
        ),
      );
    const views = new Map<string, number>();
    for (const f of found) {
      const n = (batch.get(`id:${f.id}`) ?? 0) + (batch.get(`slug:${f.slug}`) ?? 0);
      if (n) views.set(f.id, n);
    }
    if (!views.size) return;
    const rows = sql`select * from unnest(string_to_array(${[...views.keys()].join(',')}, ',')::uuid[], string_to_array(${[...views.values()].join(',')}, ',')::int[]) as v(id, n)`;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into ${productViewsDaily} (product_id, day, views)
        select v.id, current_date, v.n from (${rows}) v
        on conflict (product_id, day) do update set views = ${productViewsDaily.views} + excluded.views`);
      await tx.execute(sql`
        update ${products} p set view_count = p.view_count + v.n from (${rows}) v where p.id = v.id`);
    });
  }

  return {
    categories,
    images,
    products: productSvc,
    search,

    importProducts: (actor: { id: string }, rows: Record<string, unknown>[]) =>
      importProducts(db, productSvc, actor, rows),

    /**
     * A listing for an unknown store would show everything out of stock: refuse it instead. Known
     * stores are remembered (they are never deleted); unknown ones are asked about every time.
     */
    requireStore: (storeId: string) =>
      cache.wrap(CATALOG_CACHE, `store:${storeId}`, async () => {
        if (!(await deps.stores.exists(storeId))) throw notFound('Store');
        return true;
      }),

    recordView(page: { id: string } | { slug: string }) {
      const key = 'id' in page ? `id:${page.id}` : `slug:${page.slug}`;
      pendingViews.set(key, (pendingViews.get(key) ?? 0) + 1);
    },
    flushViews,

    featured: (limit: number, store?: string) =>
      cache.wrap(CATALOG_CACHE, `featured:${limit}:${store ?? ''}`, () =>
        search.cards(
          eq(products.isFeatured, true),
          [desc(products.popularityScore), desc(products.createdAt)],
          limit,
          store,
        ),
      ),

    popular: (limit: number, store?: string) =>
      search.cards(sql`true`, [desc(products.popularityScore), desc(products.ratingCount)], limit, store),

    /** Same category first, then shared tags; the product itself excluded. */
    async related(productId: string, limit: number, store?: string) {
      const [p] = await db
        .select({ categoryId: products.categoryId, tags: products.tags })
        .from(products)
        .where(and(eq(products.id, productId), eq(products.status, 'active')));
      if (!p) return undefined;
      const tags = p.tags.join('\u0001');
      const overlap = sql`cardinality(array(select unnest(${products.tags}) intersect select unnest(string_to_array(${tags}, ${'\u0001'}))))`;
      return search.cards(
        and(
          ne(products.id, productId),
          sql`(${products.categoryId} = ${p.categoryId} or ${products.tags} && string_to_array(${tags}, ${'\u0001'}))`,
        )!,
        [
          desc(sql`(${products.categoryId} = ${p.categoryId})`),
          desc(overlap),
          desc(products.popularityScore),
        ],
        limit,
        store,
      );
    },

    /** From the recommendations job's table; empty until orders exist. */
    async boughtTogether(productId: string, limit: number, store?: string) {
      const recs = await db
        .select({ id: productRecommendations.recommendedId })
        .from(productRecommendations)
        .where(
          and(
            eq(productRecommendations.productId, productId),
            eq(productRecommendations.kind, 'bought_together'),
          ),
        )
        .orderBy(desc(productRecommendations.score))
        .limit(limit);
      if (!recs.length) return [];
      const order = recs.map((r) => r.id);
      const cards = await search.cards(
        inArray(products.id, order),
        [desc(products.popularityScore)],
        limit,
        store,
      );
      return cards.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    },

    /**
     * Popularity = recent views (7 days, decayed by age) + 5 × units sold. Run by the rankings job;
     * sales arrive with the orders module.
     */
    async refreshRankings() {
      await db.execute(sql`
        update ${products} p set popularity_score = coalesce(v.score, 0) + 5 * p.sales_count
        from (select pr.id, sum(d.views / (1 + (current_date - d.day))::real) as score
              from ${products} pr left join ${productViewsDaily} d on d.product_id = pr.id and d.day > current_date - 7
              group by pr.id) v
        where v.id = p.id and p.popularity_score is distinct from coalesce(v.score, 0) + 5 * p.sales_count`);
      await cache.invalidate(CATALOG_CACHE);
    },

    /**
     * "Frequently bought together" from co-purchase counts (pairs of products in the same orders):
     * each product keeps its ten strongest partners. Replaces the previous run's rows at once.
     */
    async refreshRecommendations(pairs: { productId: string; otherId: string; orders: number }[]) {
      const best = new Map<string, { otherId: string; orders: number }[]>();
      for (const pair of pairs) {
        if (pair.productId === pair.otherId || pair.orders < 1) continue;
        const list = best.get(pair.productId) ?? [];
        list.push({ otherId: pair.otherId, orders: pair.orders });
        best.set(pair.productId, list);
      }
      const rows = [...best.entries()].flatMap(([productId, list]) =>
        list
          .sort((a, b) => b.orders - a.orders || a.otherId.localeCompare(b.otherId))
          .slice(0, 10)
          .map((r) => ({ productId, kind: 'bought_together', recommendedId: r.otherId, score: r.orders })),
      );
      await db.transaction(async (tx) => {
        await tx.delete(productRecommendations).where(eq(productRecommendations.kind, 'bought_together'));
        // Only pairs whose products still exist (the foreign keys would refuse the others).
        const ids = [...new Set(rows.flatMap((r) => [r.productId, r.recommendedId]))];
        const known = new Set(
          ids.length
            ? (await tx.select({ id: products.id }).from(products).where(inArray(products.id, ids))).map(
                (r) => r.id,
              )
            : [],
        );
        const valid = rows.filter((r) => known.has(r.productId) && known.has(r.recommendedId));
        for (let i = 0; i < valid.length; i += 1000)
          await tx.insert(productRecommendations).values(valid.slice(i, i + 1000));
      });
      await cache.invalidate(CATALOG_CACHE);
      return { products: best.size, recommendations: rows.length };
    },

    async activeProductSlugs() {
      return db
        .select({ slug: products.slug, updatedAt: products.updatedAt })
        .from(products)
        .where(eq(products.status, 'active'));
    },

    // ---- reads for reports and exports (JOB-8) ----

    /** The category of each product (by id), for sales by category. */
    async categoriesOf(productIds: string[]) {
      if (!productIds.length) return [];
      return db
        .select({ productId: products.id, categoryId: categoryTable.id, categoryName: categoryTable.name })
        .from(products)
        .leftJoin(categoryTable, eq(categoryTable.id, products.categoryId))
        .where(inArray(products.id, productIds));
    },

    /** One keyset page of products by id (exports read every product in constant memory). */
    async exportPage(afterId: string | null, limit: number) {
      return db
        .select({
          id: products.id,
          slug: products.slug,
          name: products.name,
          brand: products.brand,
          status: products.status,
          category_id: products.categoryId,
          category: categoryTable.name,
          currency: products.currency,
          price_cents: products.priceCents,
          sale_price_cents: products.salePriceCents,
          in_stock: products.inStock,
          rating_avg: products.ratingAvg,
          rating_count: products.ratingCount,
          sales_count: products.salesCount,
          created_at: products.createdAt,
          updated_at: products.updatedAt,
        })
        .from(products)
        .leftJoin(categoryTable, eq(categoryTable.id, products.categoryId))
        .where(afterId ? gt(products.id, afterId) : undefined)
        .orderBy(asc(products.id))
        .limit(limit);
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
