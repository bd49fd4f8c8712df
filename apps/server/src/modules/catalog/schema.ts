import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { timestamps } from '../../platform/schema.js';

/** Kept current by a trigger (see migrations): name > brand, tags > descriptions. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    iconUrl: text('icon_url'),
    bannerUrl: text('banner_url'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    /** Ids from the root down to this category (itself included): subtree queries use `path @> {id}`. */
    path: uuid('path').array().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    index('categories_parent_idx').on(t.parentId, t.sortOrder),
    index('categories_path_idx').using('gin', t.path),
  ],
);

export const productStatus = pgEnum('product_status', ['draft', 'active', 'archived']);

export type ProductOption = { name: string; values: string[] };
export type Dimensions = { length_mm: number; width_mm: number; height_mm: number };
export type ImageRendition = { url: string; width: number; height: number };
export type Renditions = { thumb: ImageRendition; card: ImageRendition; full: ImageRendition };
export type RatingDistribution = { '1': number; '2': number; '3': number; '4': number; '5': number };

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortDescription: text('short_description'),
    description: text('description'),
    brand: text('brand'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean>>().notNull().default({}),
    unit: text('unit'),
    weightGrams: integer('weight_grams'),
    dimensions: jsonb('dimensions').$type<Dimensions>(),
    isDigital: boolean('is_digital').notNull().default(false),
    status: productStatus('status').notNull().default('draft'),
    isFeatured: boolean('is_featured').notNull().default(false),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    options: jsonb('options').$type<ProductOption[]>().notNull().default([]),
    /** The default variant's prices, kept here so listings sort and filter without a join. */
    priceCents: integer('price_cents').notNull(),
    salePriceCents: integer('sale_price_cents'),
    /** Maintained by the inventory module; true until it says otherwise. */
    inStock: boolean('in_stock').notNull().default(true),
    ratingAvg: real('rating_avg').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    ratingDistribution: jsonb('rating_distribution')
      .$type<RatingDistribution>()
      .notNull()
      .default({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }),
    viewCount: bigint('view_count', { mode: 'number' }).notNull().default(0),
    salesCount: integer('sales_count').notNull().default(0),
    popularityScore: real('popularity_score').notNull().default(0),
    /** The main image's renditions, so a product card needs no join. */
    mainImage: jsonb('main_image').$type<Renditions>(),
    searchVector: tsvector('search_vector'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_category_idx').on(t.categoryId, t.status),
    index('products_status_price_idx').on(t.status, t.priceCents),
    index('products_status_popularity_idx').on(t.status, t.popularityScore),
    index('products_status_created_idx').on(t.status, t.createdAt),
    index('products_status_rating_idx').on(t.status, t.ratingAvg),
    index('products_featured_idx')
      .on(t.isFeatured)
      .where(sql`${t.isFeatured}`),
    index('products_brand_idx').on(t.brand),
    index('products_tags_idx').using('gin', t.tags),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export const variantStatus = pgEnum('variant_status', ['active', 'archived']);

/** What the cart and stock reference. A product without options has exactly one, the default. */
export const productVariants = pgTable(
  'product_variants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
    priceCents: integer('price_cents').notNull(),
    salePriceCents: integer('sale_price_cents'),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
    weightGrams: integer('weight_grams'),
    status: variantStatus('status').notNull().default('active'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('product_variants_sku_key').on(sql`lower(${t.sku})`),
    index('product_variants_product_idx').on(t.productId, t.position),
    uniqueIndex('product_variants_default_key')
      .on(t.productId)
      .where(sql`${t.isDefault}`),
  ],
);

/**
 * Where each variant can be sold now: a row per (dark store, variant) that an active store has in
 * stock or on backorder. Like products.in_stock, the inventory module keeps it in step through the
 * catalog port (setStockStatus), so listings answer and filter "in stock at the shopper's store"
 * from catalog tables alone (INV-9). The store is referred to by id: no foreign key across modules.
 */
export const variantAvailability = pgTable(
  'variant_availability',
  {
    warehouseId: uuid('warehouse_id').notNull(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.variantId] }),
    index('variant_availability_variant_idx').on(t.variantId),
  ],
);

export const imageStatus = pgEnum('image_status', ['processing', 'ready', 'failed']);

export const productImages = pgTable(
  'product_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    originalKey: text('original_key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width'),
    height: integer('height'),
    bytes: integer('bytes').notNull(),
    alt: text('alt'),
    position: integer('position').notNull().default(0),
    isMain: boolean('is_main').notNull().default(false),
    renditions: jsonb('renditions').$type<Renditions>(),
    status: imageStatus('status').notNull().default('processing'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_images_product_idx').on(t.productId, t.position),
    uniqueIndex('product_images_main_key')
      .on(t.productId)
      .where(sql`${t.isMain}`),
  ],
);

/** Audit trail: one row per price change of a variant (CAT-8). */
export const priceHistory = pgTable(
  'price_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').notNull(),
    oldPriceCents: integer('old_price_cents'),
    newPriceCents: integer('new_price_cents').notNull(),
    oldSalePriceCents: integer('old_sale_price_cents'),
    newSalePriceCents: integer('new_sale_price_cents'),
    source: text('source').notNull(),
    changedBy: uuid('changed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('price_history_product_idx').on(t.productId, t.createdAt)],
);

/** Views per product per day, flushed in batches from memory (never a write per page view). */
export const productViewsDaily = pgTable(
  'product_views_daily',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.day] })],
);

/** Precomputed by the recommendations job: "frequently bought together". */
export const productRecommendations = pgTable(
  'product_recommendations',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    recommendedId: uuid('recommended_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.kind, t.recommendedId] })],
);

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof productVariants.$inferSelect;
export type ImageRow = typeof productImages.$inferSelect;

/**
 * Every word that appears in product names, brands and tags (filled by a trigger), with a trigram
 * index: search corrects misspelt words against it ("milc" → milk) before the full-text match.
 */
export const searchTerms = pgTable('search_terms', { term: text('term').primaryKey() }, (t) => [
  index('search_terms_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`),
  index('search_terms_prefix_idx').using('btree', sql`${t.term} text_pattern_ops`),
]);
