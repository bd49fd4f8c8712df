import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db } from '../../platform/db.js';
import { pageOf } from '../../platform/pagination.js';
import { CATALOG_CACHE } from './categories.js';
import { discountPercent, effectivePrice } from './products.js';
import {
  categories,
  products,
  productVariants,
  searchTerms,
  variantAvailability,
  type Renditions,
} from './schema.js';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest', 'popularity'] as const;
export type Sort = (typeof SORTS)[number];

export type SearchParams = {
  q?: string;
  /** The category and its descendants, already resolved. */
  categoryIds?: string[];
  minPriceCents?: number;
  maxPriceCents?: number;
  inStock?: boolean;
  /** The shopper's dark store: `in_stock` and its filter answer for it rather than for any store. */
  store?: string;
  featured?: boolean;
  ratingGte?: number;
  tags?: string[];
  brands?: string[];
  sort: Sort;
  page: number;
  perPage: number;
};

/** Price facet buckets in minor units: [from, to). */
const PRICE_BUCKETS: [number, number | null][] = [
  [0, 200],
  [200, 500],
  [500, 1000],
  [1000, 2000],
  [2000, 5000],
  [5000, null],
];

const price = sql`coalesce(${products.salePriceCents}, ${products.priceCents})`;

/** Letters-and-digits words of a query, lower-cased and accent-folded (at most 8). */
export function queryWords(q: string): string[] {
  return q
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/**
 * The tsquery for a search: every word matches as a prefix ("choc" → chocolate); a word that is
 * no prefix of any known term is replaced by its closest known spellings ("milc" → milk), found
 * with trigrams in the search_terms dictionary. Only letters and digits reach to_tsquery, so no
 * input can produce tsquery syntax errors.
 */
async function tsqueryFor(db: Db, q: string): Promise<string | undefined> {
  const words = queryWords(q);
  if (!words.length) return undefined;
  const checked = await db.execute<{
    word: string;
    known: boolean;
    near: { term: string; score: number }[];
  }>(sql`
    select w.word,
      length(w.word) < 3 or exists (select 1 from ${searchTerms} t where t.term like w.word || '%') as known,
      (select coalesce(json_agg(json_build_object('term', c.term, 'score', c.score)), '[]'::json)
         from (select t.term, similarity(t.term, w.word) as score from ${searchTerms} t
               where t.term % w.word order by 2 desc, 1 limit 3) c) as near
    from unnest(string_to_array(${words.join(' ')}, ' ')) as w(word)`);
  const groups = checked.rows.map((r) => {
    if (r.known || !r.near.length) return `${r.word}:*`;
    // Keep every spelling about as close as the best one ("milc" is as near to milk as to mild).
    const best = r.near[0]!.score;
    const terms = r.near.filter((n) => n.score >= best - 0.05).map((n) => `${n.term}:*`);
    return `(${terms.join(' | ')})`;
  });
  return groups.join(' & ');
}

type CardRow = {
  id: string;
  slug: string;
  name: string;
  brand: string | null;
  unit: string | null;
  priceCents: number;
  salePriceCents: number | null;
  currency: string;
  inStock: boolean;
  isFeatured: boolean;
  ratingAvg: number;
  ratingCount: number;
  mainImage: Renditions | null;
  categoryId: string;
  tags: string[];
  variantId: string | null;
  variantCount: number;
};

/** The columns a product card is built from (toCard); shared with the staff product list. */
export const cardColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  brand: products.brand,
  unit: products.unit,
  priceCents: products.priceCents,
  salePriceCents: products.salePriceCents,
  currency: products.currency,
  inStock: products.inStock,
  isFeatured: products.isFeatured,
  ratingAvg: products.ratingAvg,
  ratingCount: products.ratingCount,
  mainImage: products.mainImage,
  categoryId: products.categoryId,
  tags: products.tags,
  variantId: productVariants.id,
  variantCount: sql<number>`(select count(*)::int from ${productVariants} pv where pv.product_id = ${products.id} and pv.status = 'active')`,
};

/** Whether this store can sell the product now: one of its active variants is available there. */
const inStockAt = (store: string) =>
  sql<boolean>`exists (select 1 from ${variantAvailability} va join ${productVariants} sv on sv.id = va.variant_id
    where va.warehouse_id = ${store} and sv.product_id = ${products.id} and sv.status = 'active')`;

/** Card columns with `in_stock` answered for a store when there is one. */
const cardColumnsAt = (store: string | undefined) =>
  store ? { ...cardColumns, inStock: inStockAt(store) } : cardColumns;

/** The product card every listing returns. */
export function toCard(r: CardRow) {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    brand: r.brand,
    unit: r.unit,
    currency: r.currency,
    price_cents: r.priceCents,
    sale_price_cents: r.salePriceCents,
    effective_price_cents: effectivePrice(r),
    discount_percent: discountPercent(r),
    in_stock: r.inStock,
    is_featured: r.isFeatured,
    rating_average: Math.round(r.ratingAvg * 100) / 100,
    rating_count: r.ratingCount,
    image: r.mainImage ? { thumb: r.mainImage.thumb.url, card: r.mainImage.card.url } : null,
    category_id: r.categoryId,
    tags: r.tags,
    default_variant_id: r.variantId,
    has_variants: r.variantCount > 1,
  };
}

export function createSearchService(db: Db, cache: Cache) {
  function conditions(p: SearchParams, tsq: string | undefined): SQL[] {
    const c: SQL[] = [eq(products.status, 'active')];
    // A query with no letters or digits matches nothing rather than everything.
    if (p.q !== undefined)
      c.push(tsq ? sql`${products.searchVector} @@ to_tsquery('english', ${tsq})` : sql`false`);
    if (p.categoryIds) c.push(inArray(products.categoryId, p.categoryIds));
    if (p.minPriceCents !== undefined) c.push(sql`${price} >= ${p.minPriceCents}`);
    if (p.maxPriceCents !== undefined) c.push(sql`${price} <= ${p.maxPriceCents}`);
    if (p.inStock) c.push(p.store ? inStockAt(p.store) : eq(products.inStock, true));
    if (p.featured) c.push(eq(products.isFeatured, true));
    if (p.ratingGte !== undefined) c.push(sql`${products.ratingAvg} >= ${p.ratingGte}`);
    if (p.tags?.length)
      c.push(sql`${products.tags} && string_to_array(${p.tags.join('\u0001')}, ${'\u0001'})`);
    if (p.brands?.length) c.push(inArray(products.brand, p.brands));
    return c;
  }

  function ordering(p: SearchParams, tsq: string | undefined): SQL[] {
    const byPopularity = [desc(products.popularityScore), desc(products.isFeatured), asc(products.id)];
    switch (p.sort) {
      case 'price_asc':
        return [asc(price), asc(products.id)];
      case 'price_desc':
        return [desc(price), asc(products.id)];
      case 'rating':
        return [desc(products.ratingAvg), desc(products.ratingCount), asc(products.id)];
      case 'newest':
        return [desc(products.createdAt), asc(products.id)];
      case 'popularity':
        return byPopularity;
      case 'relevance': {
        if (!tsq) return [desc(products.isFeatured), ...byPopularity];
        const rank = sql`ts_rank_cd(${products.searchVector}, to_tsquery('english', ${tsq}))`;
        // Featured products rank higher on ties (CAT-5).
        return [desc(rank), desc(products.isFeatured), desc(products.popularityScore), asc(products.id)];
      }
    }
  }

  const bucketCase = sql.join(
    PRICE_BUCKETS.map(([from, to], i) =>
      to === null
        ? sql`when ${price} >= ${from} then ${i}`
        : sql`when ${price} >= ${from} and ${price} < ${to} then ${i}`,
    ),
    sql` `,
  );

  /** All three facets from one scan of the filtered set. */
  async function facetsOf(where: SQL | undefined) {
    const res = await db.execute<{ kind: string; key: string | null; n: number }>(sql`
      with f as (select ${products.categoryId} as category_id, ${products.brand} as brand, case ${bucketCase} end as bucket
                 from ${products} where ${where})
      select 'category' as kind, category_id::text as key, count(*)::int as n from f group by category_id
      union all select 'brand', brand, count(*)::int from f where brand is not null group by brand
      union all select 'price', bucket::text, count(*)::int from f group by bucket`);
    return res.rows;
  }

  async function run(p: SearchParams) {
    const tsq = p.q ? await tsqueryFor(db, p.q) : undefined;
    const where = and(...conditions(p, tsq));
    const pageRows = db
      .select(cardColumnsAt(p.store))
      .from(products)
      .leftJoin(
        productVariants,
        and(eq(productVariants.productId, products.id), eq(productVariants.isDefault, true)),
      )
      .where(where)
      .orderBy(...ordering(p, tsq))
      .limit(p.perPage)
      .offset((p.page - 1) * p.perPage);
    // Facets depend on the filters only: pages 2, 3… and other sorts of one listing share them, and
    // the store matters only to the in-stock filter.
    const { sort: _sort, page: _page, perPage: _perPage, store, ...filters } = p;
    const facetKey = JSON.stringify({ ...filters, store: p.inStock ? store : undefined });
    const facetRows = cache.wrap(CATALOG_CACHE, `facets:${facetKey}`, () => facetsOf(where));
    const [rows, facets] = await Promise.all([pageRows, facetRows]);
    const byKind = (k: string) => facets.filter((r) => r.kind === k);
    const total = byKind('category').reduce((s, r) => s + r.n, 0);
    const catIds = byKind('category').map((r) => r.key!);
    const names = catIds.length
      ? await db
          .select({ id: categories.id, name: categories.name, slug: categories.slug })
          .from(categories)
          .where(inArray(categories.id, catIds))
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n]));
    return {
      ...pageOf(rows.map(toCard), total, { page: p.page, per_page: p.perPage }),
      facets: {
        categories: byKind('category')
          .map((r) => ({
            id: r.key!,
            name: nameOf.get(r.key!)?.name ?? '',
            slug: nameOf.get(r.key!)?.slug ?? '',
            count: r.n,
          }))
          .sort((a, b) => b.count - a.count),
        brands: byKind('brand')
          .map((r) => ({ brand: r.key!, count: r.n }))
          .sort((a, b) => b.count - a.count || a.brand.localeCompare(b.brand))
          .slice(0, 30),
        price_buckets: PRICE_BUCKETS.map(([from, to], i) => ({
          min_cents: from,
          max_cents: to,
          count: byKind('price').find((r) => r.key === String(i))?.n ?? 0,
        })),
      },
    };
  }

  return {
    search: run,

    /** Search-as-you-type: a few product names and categories. */
    async suggest(q: string) {
      const text = q.slice(0, 100);
      const tsq = await tsqueryFor(db, text);
      const match = tsq ? sql`${products.searchVector} @@ to_tsquery('english', ${tsq})` : sql`false`;
      const [items, cats] = await Promise.all([
        db
          .select({ id: products.id, name: products.name, slug: products.slug, image: products.mainImage })
          .from(products)
          .where(and(eq(products.status, 'active'), match))
          .orderBy(desc(sql`word_similarity(${text}, ${products.name})`), desc(products.popularityScore))
          .limit(6),
        db
          .select({ id: categories.id, name: categories.name, slug: categories.slug })
          .from(categories)
          .where(
            and(
              eq(categories.isActive, true),
              sql`(${text} <% ${categories.name} or ${categories.name} ilike ${`%${text.replace(/[\\%_]/g, '\\$&')}%`})`,
            ),
          )
          .orderBy(desc(sql`word_similarity(${text}, ${categories.name})`))
          .limit(4),
      ]);
      return {
        products: items.map((i) => ({
          id: i.id,
          name: i.name,
          slug: i.slug,
          image: i.image?.thumb.url ?? null,
        })),
        categories: cats,
      };
    },

    /** Cards for a known set of ids, in that order (featured, popular, related lists). */
    async cards(where: SQL, order: SQL[], limit: number, store?: string) {
      const rows = await db
        .select(cardColumnsAt(store))
        .from(products)
        .leftJoin(
          productVariants,
          and(eq(productVariants.productId, products.id), eq(productVariants.isDefault, true)),
        )
        .where(and(eq(products.status, 'active'), where))
        .orderBy(...order)
        .limit(limit);
      return rows.map(toCard);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
