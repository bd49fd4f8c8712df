import { and, asc, count, desc, eq, ilike, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import { conflict, findOrFail, invalid, notFound } from '../../platform/errors.js';
import { CATALOG_CACHE } from './categories.js';
import type { ProductImage } from './images.js';
import {
  categories,
  priceHistory,
  products,
  productVariants,
  variantAvailability,
  type Dimensions,
  type ProductOption,
  type ProductRow,
  type VariantRow,
} from './schema.js';
import { pageOf } from '../../platform/pagination.js';
import { cardColumns, toCard } from './search.js';
import { slugify, uniqueSlug } from './slug.js';

export type VariantInput = {
  sku: string;
  name: string;
  options?: Record<string, string>;
  priceCents: number;
  salePriceCents?: number | null;
  isDefault?: boolean;
  weightGrams?: number | null;
};

export type ProductInput = {
  name: string;
  slug?: string;
  sku: string;
  shortDescription?: string | null;
  description?: string | null;
  brand?: string | null;
  tags?: string[];
  attributes?: Record<string, string | number | boolean>;
  unit?: string | null;
  weightGrams?: number | null;
  dimensions?: Dimensions | null;
  isDigital?: boolean;
  status?: ProductRow['status'];
  isFeatured?: boolean;
  seoTitle?: string | null;
  seoDescription?: string | null;
  categoryId: string;
  currency?: string;
  priceCents: number;
  salePriceCents?: number | null;
  options?: ProductOption[];
  variants?: VariantInput[];
};

type Actor = { id: string } | null;

export const effectivePrice = (p: { priceCents: number; salePriceCents: number | null }) =>
  p.salePriceCents ?? p.priceCents;

export const discountPercent = (p: { priceCents: number; salePriceCents: number | null }) =>
  p.salePriceCents === null || p.priceCents === 0
    ? 0
    : Math.round((1 - p.salePriceCents / p.priceCents) * 100);

/** `inStock`: whether the shopper's store can sell it; null when no store was asked about. */
export function toVariant(v: VariantRow, inStock: boolean | null) {
  return {
    id: v.id,
    sku: v.sku,
    name: v.name,
    options: v.options,
    price_cents: v.priceCents,
    sale_price_cents: v.salePriceCents,
    effective_price_cents: effectivePrice(v),
    discount_percent: discountPercent(v),
    is_default: v.isDefault,
    position: v.position,
    weight_grams: v.weightGrams,
    status: v.status,
    in_stock: inStock,
  };
}

export function toProduct(p: ProductRow, sku: string) {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    sku,
    short_description: p.shortDescription,
    description: p.description,
    brand: p.brand,
    tags: p.tags,
    attributes: p.attributes,
    unit: p.unit,
    weight_grams: p.weightGrams,
    dimensions: p.dimensions,
    is_digital: p.isDigital,
    status: p.status,
    is_featured: p.isFeatured,
    seo_title: p.seoTitle,
    seo_description: p.seoDescription,
    category_id: p.categoryId,
    currency: p.currency,
    price_cents: p.priceCents,
    sale_price_cents: p.salePriceCents,
    effective_price_cents: effectivePrice(p),
    discount_percent: discountPercent(p),
    in_stock: p.inStock,
    rating: {
      average: Math.round(p.ratingAvg * 100) / 100,
      count: p.ratingCount,
      distribution: p.ratingDistribution,
    },
    options: p.options,
    main_image: p.mainImage,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** Rules zod cannot see: prices against each other, variants against the product's options. */
function checkProduct(input: Pick<ProductInput, 'priceCents' | 'salePriceCents' | 'options' | 'variants'>) {
  if (input.salePriceCents != null && input.salePriceCents >= input.priceCents)
    throw invalid('body.sale_price_cents', 'Sale price must be lower than the price');
  const options = input.options ?? [];
  const variants = input.variants ?? [];
  if (variants.length && !options.length)
    throw invalid('body.options', 'Variants need the options they vary by');
  if (options.length && !variants.length) throw invalid('body.variants', 'Options need at least one variant');
  const names = new Set(options.map((o) => o.name));
  if (names.size !== options.length) throw invalid('body.options', 'Option names must be unique');
  const combos = new Set<string>();
  variants.forEach((v, i) => {
    checkVariant(v, `body.variants.${i}`);
    const keys = Object.keys(v.options ?? {});
    if (
      keys.length !== options.length ||
      !options.every((o) => o.values.includes(v.options?.[o.name] ?? '\u0000'))
    )
      throw invalid(`body.variants.${i}.options`, 'Must pick one listed value for every product option');
    const combo = options.map((o) => v.options![o.name]).join('\u0001');
    if (combos.has(combo)) throw invalid(`body.variants.${i}.options`, 'Two variants have the same options');
    combos.add(combo);
  });
  if (variants.filter((v) => v.isDefault).length > 1)
    throw invalid('body.variants', 'Only one variant can be the default');
  const skus = variants.map((v) => v.sku.toLowerCase());
  if (new Set(skus).size !== skus.length) throw invalid('body.variants', 'Variant SKUs must be unique');
}

function checkVariant(v: Pick<VariantInput, 'priceCents' | 'salePriceCents'>, field: string) {
  if (v.salePriceCents != null && v.salePriceCents >= v.priceCents)
    throw invalid(`${field}.sale_price_cents`, 'Sale price must be lower than the price');
}

function uniquenessError(err: unknown): unknown {
  if (isUniqueViolation(err, 'product_variants_sku_key'))
    return conflict('SKU_TAKEN', 'Another product or variant already has this SKU', [
      { field: 'body.sku', message: 'already used' },
    ]);
  if (isUniqueViolation(err, 'products_slug_key'))
    return conflict('SLUG_TAKEN', 'Another product has this slug', [
      { field: 'body.slug', message: 'already used' },
    ]);
  return err;
}

/** The product's gallery, in order (supplied by the image service of this module). */
type GalleryOf = (productId: string) => Promise<ProductImage[]>;

export function createProductService(db: Db, cache: Cache, galleryOf: GalleryOf) {
  const invalidate = () => cache.invalidate(CATALOG_CACHE);

  async function requireCategory(tx: DbOrTx, id: string) {
    const [c] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id));
    if (!c) throw invalid('body.category_id', 'Category does not exist');
  }

  async function freeSlug(tx: DbOrTx, name: string) {
    const base = slugify(name);
    const rows = await tx
      .select({ slug: products.slug })
      .from(products)
      .where(or(eq(products.slug, base), like(products.slug, `${base}-%`)));
    return uniqueSlug(base, new Set(rows.map((r) => r.slug)));
  }

  const recordPrice = (
    tx: DbOrTx,
    productId: string,
    variantId: string,
    before: { priceCents: number; salePriceCents: number | null } | null,
    after: { priceCents: number; salePriceCents: number | null },
    source: string,
    actor: Actor,
  ) => {
    if (before && before.priceCents === after.priceCents && before.salePriceCents === after.salePriceCents)
      return;
    return tx.insert(priceHistory).values({
      productId,
      variantId,
      oldPriceCents: before?.priceCents ?? null,
      newPriceCents: after.priceCents,
      oldSalePriceCents: before?.salePriceCents ?? null,
      newSalePriceCents: after.salePriceCents,
      source,
      changedBy: actor?.id ?? null,
    });
  };

  /** Keeps the product's listing price equal to its default variant's. */
  async function syncListingPrice(tx: DbOrTx, productId: string) {
    await tx.execute(sql`
      update ${products} p set price_cents = v.price_cents, sale_price_cents = v.sale_price_cents
      from ${productVariants} v
      where v.product_id = p.id and v.is_default and p.id = ${productId}
        and (p.price_cents, p.sale_price_cents) is distinct from (v.price_cents, v.sale_price_cents)`);
  }

  async function loadDetail(where: ReturnType<typeof eq>, includeUnpublished: boolean, store?: string) {
    const [p] = await db.select().from(products).where(where);
    if (!p || (!includeUnpublished && p.status !== 'active')) throw notFound('Product');
    // Independent reads, issued together: one round trip of latency instead of five.
    const [variants, lineage, images, atStore] = await Promise.all([
      db
        .select()
        .from(productVariants)
        .where(eq(productVariants.productId, p.id))
        .orderBy(asc(productVariants.position), asc(productVariants.createdAt)),
      // The category and its ancestors: the ids on its path.
      db
        .select()
        .from(categories)
        .where(
          sql`${categories.id} in (select unnest(c.path) from ${categories} c where c.id = ${p.categoryId})`,
        ),
      galleryOf(p.id),
      store
        ? db
            .select({ id: variantAvailability.variantId })
            .from(variantAvailability)
            .innerJoin(productVariants, eq(productVariants.id, variantAvailability.variantId))
            .where(and(eq(variantAvailability.warehouseId, store), eq(productVariants.productId, p.id)))
        : [],
    ]);
    const category = lineage.find((c) => c.id === p.categoryId);
    const byId = new Map(lineage.map((c) => [c.id, c]));
    const def = variants.find((v) => v.isDefault) ?? variants[0];
    const sellable = new Set(atStore.map((v) => v.id));
    return {
      ...toProduct(p, def?.sku ?? ''),
      ...(store !== undefined && {
        in_stock: variants.some((v) => v.status === 'active' && sellable.has(v.id)),
      }),
      images,
      variants: variants
        .filter((v) => includeUnpublished || v.status === 'active')
        .map((v) => toVariant(v, store !== undefined ? sellable.has(v.id) : null)),
      category: category
        ? {
            id: category.id,
            name: category.name,
            slug: category.slug,
            breadcrumb: category.path.map((id) => ({
              id,
              name: byId.get(id)?.name ?? '',
              slug: byId.get(id)?.slug ?? '',
            })),
          }
        : null,
    };
  }

  return {
    /**
     * Product detail; shoppers see active products only, staff see every status. With a store,
     * `in_stock` (the product's and each variant's) answers for that store.
     */
    async get(idOrSlug: { id?: string; slug?: string }, opts: { staff: boolean; store?: string }) {
      const where = idOrSlug.id ? eq(products.id, idOrSlug.id) : eq(products.slug, idOrSlug.slug!);
      return loadDetail(where, opts.staff, opts.store);
    },

    /**
     * The staff product list: every status (drafts and archived too), newest change first. `q`
     * matches name, brand, slug or any variant's SKU as a substring; the storefront search
     * (full-text, active only) is the wrong tool for finding a draft by its SKU.
     */
    async adminList(f: {
      q?: string;
      status?: ProductRow['status'];
      categoryIds?: string[];
      page: number;
      perPage: number;
    }) {
      const c: SQL[] = [];
      if (f.status) c.push(eq(products.status, f.status));
      if (f.categoryIds) c.push(inArray(products.categoryId, f.categoryIds));
      if (f.q) {
        const pattern = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
        c.push(
          or(
            ilike(products.name, pattern),
            ilike(products.brand, pattern),
            ilike(products.slug, pattern),
            sql`exists (select 1 from ${productVariants} sv where sv.product_id = ${products.id} and sv.sku ilike ${pattern})`,
          )!,
        );
      }
      const where = c.length ? and(...c) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select({
            ...cardColumns,
            variantSku: productVariants.sku,
            status: products.status,
            updatedAt: products.updatedAt,
          })
          .from(products)
          .leftJoin(
            productVariants,
            and(eq(productVariants.productId, products.id), eq(productVariants.isDefault, true)),
          )
          .where(where)
          .orderBy(desc(products.updatedAt), asc(products.id))
          .limit(f.perPage)
          .offset((f.page - 1) * f.perPage),
        db.select({ n: count() }).from(products).where(where),
      ]);
      return pageOf(
        rows.map((r) => ({
          ...toCard(r),
          sku: r.variantSku,
          status: r.status,
          updated_at: r.updatedAt.toISOString(),
        })),
        total?.n ?? 0,
        { page: f.page, per_page: f.perPage },
      );
    },

    async create(actor: Actor, input: ProductInput, source = 'admin') {
      checkProduct(input);
      try {
        const result = await db.transaction(async (tx) => {
          await requireCategory(tx, input.categoryId);
          const slug = input.slug ?? (await freeSlug(tx, input.name));
          const variants: VariantInput[] = input.variants?.length
            ? input.variants
            : [
                {
                  sku: input.sku,
                  name: input.unit ?? 'Default',
                  priceCents: input.priceCents,
                  salePriceCents: input.salePriceCents ?? null,
                  isDefault: true,
                },
              ];
          const defaultIndex = Math.max(
            0,
            variants.findIndex((v) => v.isDefault),
          );
          const def = variants[defaultIndex]!;
          const [p] = await tx
            .insert(products)
            .values({
              name: input.name,
              slug,
              shortDescription: input.shortDescription ?? null,
              description: input.description ?? null,
              brand: input.brand ?? null,
              tags: input.tags ?? [],
              attributes: input.attributes ?? {},
              unit: input.unit ?? null,
              weightGrams: input.weightGrams ?? null,
              dimensions: input.dimensions ?? null,
              isDigital: input.isDigital ?? false,
              status: input.status ?? 'draft',
              isFeatured: input.isFeatured ?? false,
              seoTitle: input.seoTitle ?? null,
              seoDescription: input.seoDescription ?? null,
              categoryId: input.categoryId,
              currency: (input.currency ?? 'USD').toUpperCase(),
              options: input.options ?? [],
              priceCents: def.priceCents,
              salePriceCents: def.salePriceCents ?? null,
            })
            .returning();
          const rows = await tx
            .insert(productVariants)
            .values(
              variants.map((v, i) => ({
                productId: p!.id,
                // A product without options: its single variant carries the product's SKU.
                sku: input.variants?.length ? v.sku : input.sku,
                name: v.name,
                options: v.options ?? {},
                priceCents: v.priceCents,
                salePriceCents: v.salePriceCents ?? null,
                isDefault: i === defaultIndex,
                position: i,
                weightGrams: v.weightGrams ?? null,
              })),
            )
            .returning();
          for (const v of rows) await recordPrice(tx, p!.id, v.id, null, v, source, actor);
          return p!;
        });
        await invalidate();
        return this.get({ id: result.id }, { staff: true });
      } catch (err) {
        throw uniquenessError(err);
      }
    },

    async update(
      actor: Actor,
      id: string,
      patch: Partial<Omit<ProductInput, 'variants' | 'options'>>,
      source = 'admin',
    ) {
      try {
        await db.transaction(async (tx) => {
          const [current] = await tx.select().from(products).where(eq(products.id, id)).for('update');
          if (!current) throw notFound('Product');
          if (patch.categoryId) await requireCategory(tx, patch.categoryId);
          const [def] = await tx
            .select()
            .from(productVariants)
            .where(and(eq(productVariants.productId, id), eq(productVariants.isDefault, true)));
          const price = {
            priceCents: patch.priceCents ?? def!.priceCents,
            salePriceCents: patch.salePriceCents !== undefined ? patch.salePriceCents : def!.salePriceCents,
          };
          checkVariant(price, 'body');
          await tx
            .update(products)
            .set({
              // Always set: a price-only change still touches the product (and the SET is never empty).
              updatedAt: new Date(),
              name: patch.name,
              slug: patch.slug,
              shortDescription: patch.shortDescription,
              description: patch.description,
              brand: patch.brand,
              tags: patch.tags,
              attributes: patch.attributes,
              unit: patch.unit,
              weightGrams: patch.weightGrams,
              dimensions: patch.dimensions,
              isDigital: patch.isDigital,
              status: patch.status,
              isFeatured: patch.isFeatured,
              seoTitle: patch.seoTitle,
              seoDescription: patch.seoDescription,
              categoryId: patch.categoryId,
              currency: patch.currency?.toUpperCase(),
            })
            .where(eq(products.id, id));
          if (patch.sku !== undefined && patch.sku !== def!.sku)
            await tx.update(productVariants).set({ sku: patch.sku }).where(eq(productVariants.id, def!.id));
          if (price.priceCents !== def!.priceCents || price.salePriceCents !== def!.salePriceCents) {
            await tx.update(productVariants).set(price).where(eq(productVariants.id, def!.id));
            await recordPrice(tx, id, def!.id, def!, price, source, actor);
            await syncListingPrice(tx, id);
          }
        });
        await invalidate();
        return this.get({ id }, { staff: true });
      } catch (err) {
        throw uniquenessError(err);
      }
    },

    /** Archived, not deleted: old orders keep resolving the product. */
    async archive(id: string) {
      const [row] = await db
        .update(products)
        .set({ status: 'archived' })
        .where(eq(products.id, id))
        .returning({ id: products.id });
      if (!row) throw notFound('Product');
      await invalidate();
    },

    async addVariant(actor: Actor, productId: string, input: VariantInput) {
      checkVariant(input, 'body');
      try {
        await db.transaction(async (tx) => {
          const [p] = await tx.select().from(products).where(eq(products.id, productId)).for('update');
          if (!p) throw notFound('Product');
          const names = p.options.map((o) => o.name);
          const keys = Object.keys(input.options ?? {});
          if (
            !names.length ||
            keys.length !== names.length ||
            !p.options.every((o) => o.values.includes(input.options?.[o.name] ?? '\u0000'))
          )
            throw invalid(
              'body.options',
              `Pick one listed value for each option (${names.join(', ') || 'the product has no options'})`,
            );
          const siblings = await tx
            .select()
            .from(productVariants)
            .where(eq(productVariants.productId, productId));
          const combo = (o: Record<string, string>) => names.map((n) => o[n]).join('\u0001');
          if (siblings.some((s) => s.status === 'active' && combo(s.options) === combo(input.options!)))
            throw conflict('VARIANT_EXISTS', 'A variant with these options exists');
          if (input.isDefault)
            await tx
              .update(productVariants)
              .set({ isDefault: false })
              .where(eq(productVariants.productId, productId));
          const [v] = await tx
            .insert(productVariants)
            .values({
              productId,
              sku: input.sku,
              name: input.name,
              options: input.options ?? {},
              priceCents: input.priceCents,
              salePriceCents: input.salePriceCents ?? null,
              isDefault: !!input.isDefault,
              position: siblings.length,
              weightGrams: input.weightGrams ?? null,
            })
            .returning();
          await recordPrice(tx, productId, v!.id, null, v!, 'admin', actor);
          await syncListingPrice(tx, productId);
        });
        await invalidate();
        return this.get({ id: productId }, { staff: true });
      } catch (err) {
        throw uniquenessError(err);
      }
    },

    async updateVariant(
      actor: Actor,
      productId: string,
      variantId: string,
      patch: Partial<
        Pick<VariantInput, 'sku' | 'name' | 'priceCents' | 'salePriceCents' | 'isDefault' | 'weightGrams'>
      > & {
        status?: VariantRow['status'];
      },
    ) {
      try {
        await db.transaction(async (tx) => {
          const [v] = await tx
            .select()
            .from(productVariants)
            .where(and(eq(productVariants.id, variantId), eq(productVariants.productId, productId)))
            .for('update');
          if (!v) throw notFound('Variant');
          const price = {
            priceCents: patch.priceCents ?? v.priceCents,
            salePriceCents: patch.salePriceCents !== undefined ? patch.salePriceCents : v.salePriceCents,
          };
          checkVariant(price, 'body');
          if (patch.status === 'archived' && (v.isDefault || patch.isDefault))
            throw conflict('DEFAULT_VARIANT', 'Make another variant the default before archiving this one');
          if (patch.isDefault === false && v.isDefault)
            throw invalid('body.is_default', 'Make another variant the default instead');
          if (patch.isDefault && !v.isDefault)
            await tx
              .update(productVariants)
              .set({ isDefault: false })
              .where(and(eq(productVariants.productId, productId), ne(productVariants.id, variantId)));
          await tx
            .update(productVariants)
            .set({
              sku: patch.sku,
              name: patch.name,
              weightGrams: patch.weightGrams,
              status: patch.status,
              isDefault: patch.isDefault,
              ...price,
            })
            .where(eq(productVariants.id, variantId));
          await recordPrice(tx, productId, variantId, v, price, 'admin', actor);
          await syncListingPrice(tx, productId);
        });
        await invalidate();
        return this.get({ id: productId }, { staff: true });
      } catch (err) {
        throw uniquenessError(err);
      }
    },

    async priceHistory(productId: string) {
      await findOrFail(
        (await db.select({ id: products.id }).from(products).where(eq(products.id, productId)))[0],
        'Product',
      );
      const rows = await db
        .select({ h: priceHistory, sku: productVariants.sku })
        .from(priceHistory)
        .leftJoin(productVariants, eq(productVariants.id, priceHistory.variantId))
        .where(eq(priceHistory.productId, productId))
        .orderBy(desc(priceHistory.createdAt), desc(priceHistory.id));
      return rows.map(({ h, sku }) => ({
        id: h.id,
        variant_id: h.variantId,
        sku,
        old_price_cents: h.oldPriceCents,
        new_price_cents: h.newPriceCents,
        old_sale_price_cents: h.oldSalePriceCents,
        new_sale_price_cents: h.newSalePriceCents,
        source: h.source,
        changed_by: h.changedBy,
        created_at: h.createdAt.toISOString(),
      }));
    },

    /** The variant's id for a SKU (bulk import upserts by SKU). */
    async findBySku(tx: DbOrTx, sku: string) {
      const [row] = await tx
        .select({
          productId: productVariants.productId,
          variantId: productVariants.id,
          isDefault: productVariants.isDefault,
        })
        .from(productVariants)
        .where(sql`lower(${productVariants.sku}) = lower(${sku})`);
      return row;
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
