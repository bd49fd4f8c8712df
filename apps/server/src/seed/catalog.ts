import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bulkInsert } from './bulk.js';
import { REVIEWERS } from './catalog-data.js';
import {
  DEFAULT_SEED,
  picturesFor,
  planCategories,
  planProducts,
  REVIEWER_COUNT,
  type PlannedCategory,
  type PlannedProduct,
} from './catalog-plan.js';
import {
  createPictureRenderer,
  mapLimit,
  renderBanner,
  RENDITIONS,
  type RenderedImage,
  type RenditionName,
} from './images.js';
import { hashSeed } from './random.js';
import {
  categories,
  productImages,
  products,
  productVariants,
  type RatingDistribution,
  type Renditions,
} from '../modules/catalog/schema.js';
import type { IdentityService } from '../modules/identity/index.js';
import { reviews } from '../modules/reviews/schema.js';
import type { Db, Tx } from '../platform/db.js';
import type { Storage } from '../platform/storage.js';

/**
 * The demo catalog (issue 3 §10): a category tree, products with brands, units, prices, sales,
 * variants, generated pictures and reviews. Deterministic (catalog-plan.ts), idempotent (a
 * catalog that has anything in it is left alone) and bulk-inserted, so `--products 100000`
 * takes about a minute.
 *
 * Pictures: at most one per (leaf category, colour) is rendered (60 for the whole vocabulary)
 * and its bytes are reused. The first `ownImages` products get their own copies under their own
 * keys, exactly as uploads are stored; the rest (the scaled part) point at the pooled files.
 */

export const DEFAULT_PRODUCTS = 300;
export const MAX_PRODUCTS = 1_000_000;
/** Products beyond this many share the pooled files instead of getting their own copies. */
export const DEFAULT_OWN_IMAGES = 1_000;
/** Rows per INSERT statement. */
const BATCH = 1_000;
const DAY = 86_400_000;

export type SeedCatalogDeps = {
  db: Db;
  storage: Storage;
  /** Reviewers are ordinary customer accounts, created by the identity module. */
  identity: Pick<IdentityService, 'ensureUser'>;
  log?: (msg: string) => void;
};

export type SeedCatalogOptions = {
  /** How many products (default 300). */
  products?: number;
  /** PRNG seed: the same seed gives the same catalog. */
  seed?: number;
  /** How many products get image files of their own (default 1,000). */
  ownImages?: number;
};

export type SeedCatalogSummary =
  | { seeded: false; reason: string }
  | {
      seeded: true;
      categories: number;
      products: number;
      variants: number;
      reviews: number;
      /** Distinct pictures rendered, and files written to storage. */
      pictures: number;
      files: number;
      ms: { total: number; render: number; files: number; database: number; vacuum: number };
    };

export async function seedCatalog(
  deps: SeedCatalogDeps,
  opts: SeedCatalogOptions = {},
): Promise<SeedCatalogSummary> {
  const started = performance.now();
  const log = deps.log ?? (() => {});
  const count = opts.products ?? DEFAULT_PRODUCTS;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PRODUCTS)
    throw new Error(`products must be a whole number from 1 to ${MAX_PRODUCTS}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  const ownImages = opts.ownImages ?? DEFAULT_OWN_IMAGES;

  const nonEmpty = await catalogNotEmpty(deps.db);
  if (nonEmpty) return { seeded: false, reason: nonEmpty };

  // Reviewers, while the pictures render. The identity module owns users (and hashes the random,
  // never-used passwords).
  const reviewersReady = Promise.all(
    REVIEWERS.slice(0, REVIEWER_COUNT).map(([first, last]) =>
      deps.identity.ensureUser({
        email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com',
        password: randomBytes(24).toString('base64url'),
        firstName: first,
        lastName: last,
        role: 'customer',
      }),
    ),
  );
  reviewersReady.catch(() => {}); // awaited below; this only stops an early failure counting as unhandled

  const tRender = performance.now();
  const cats = planCategories();
  const pictures = await renderPictures(cats, count);
  const renderMs = performance.now() - tRender;
  const reviewerIds = await reviewersReady;
  log(
    `catalog seed: rendered ${pictures.products.size} pictures and ${pictures.banners.size} banners in ${fmt(renderMs)}`,
  );

  const written: string[] = [];
  const timing = { files: 0, database: 0 };
  const put = async (key: string, data: Buffer) => {
    await deps.storage.put(key, data);
    written.push(key);
  };
  const writeFiles = async (files: [string, Buffer][]) => {
    const t = performance.now();
    await mapLimit(files, 32, ([key, data]) => put(key, data));
    timing.files += performance.now() - t;
  };
  const timed = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    timing.database += performance.now() - t;
  };

  try {
    const result = await deps.db.transaction(async (tx) => {
      // One seeder at a time (several replicas starting together), then look again under the lock.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cartwheel.seed.catalog'))`);
      const again = await catalogNotEmpty(tx);
      if (again) return { seeded: false as const, reason: again };

      await writeFiles(pooledFiles(pictures));
      const categoryRows = categoryRowsFor(cats, pictures);
      await timed(() => tx.insert(categories).values(categoryRows));
      const categoryIds = new Map(categoryRows.map((c) => [c.slug, c.id]));

      // Pipelined: while the database inserts batch k, the next batch is planned and its files written.
      const now = Date.now();
      const totals = { variants: 0, reviews: 0 };
      let inFlight: Promise<void> = Promise.resolve();
      let batch: PlannedProduct[] = [];
      let done = 0;
      const flush = async () => {
        const rows = rowsFor(batch, { now, ownImages, categoryIds, reviewerIds, pictures });
        batch = [];
        await writeFiles(rows.files);
        await inFlight;
        inFlight = timed(async () => {
          await bulkInsert(tx, products, rows.products);
          await bulkInsert(tx, productVariants, rows.variants);
          await bulkInsert(tx, productImages, rows.images);
          for (let i = 0; i < rows.reviews.length; i += BATCH)
            await bulkInsert(tx, reviews, rows.reviews.slice(i, i + BATCH));
        });
        inFlight.catch(() => {}); // awaited by the next flush or below
        totals.variants += rows.variants.length;
        totals.reviews += rows.reviews.length;
        done += rows.products.length;
        if (count >= 20_000 && done % 20_000 === 0) log(`catalog seed: ${done} / ${count} products`);
        // Let the statements go out before planning the next batch occupies this thread.
        await new Promise((resolve) => setImmediate(resolve));
      };
      for (const p of planProducts(count, seed)) {
        batch.push(p);
        if (batch.length === BATCH) await flush();
      }
      if (batch.length) await flush();
      await inFlight;

      return {
        seeded: true as const,
        categories: categoryRows.length,
        products: count,
        variants: totals.variants,
        reviews: totals.reviews,
        pictures: pictures.products.size,
        files: written.length,
      };
    });
    if (!result.seeded) return result;

    // Fresh statistics (and GIN pending lists merged) so the first queries get good plans.
    const tVacuum = performance.now();
    await deps.db.execute(sql`vacuum (analyze) products, product_variants, product_images, reviews`);
    const vacuumMs = performance.now() - tVacuum;
    const summary: SeedCatalogSummary = {
      ...result,
      ms: {
        total: Math.round(performance.now() - started),
        render: Math.round(renderMs),
        files: Math.round(timing.files),
        database: Math.round(timing.database),
        vacuum: Math.round(vacuumMs),
      },
    };
    log(
      `catalog seed: ${summary.categories} categories, ${summary.products} products, ${summary.variants} variants, ` +
        `${summary.reviews} reviews, ${summary.files} files in ${fmt(summary.ms.total)} ` +
        `(pictures ${fmt(summary.ms.render)}, files ${fmt(summary.ms.files)}, ` +
        `inserts ${fmt(summary.ms.database)}, vacuum ${fmt(summary.ms.vacuum)})`,
    );
    return summary;
  } catch (err) {
    // The transaction rolled back: take its files with it.
    await mapLimit(written, 16, (key) => deps.storage.remove(key).catch(() => {}));
    throw err;
  }
}

/** Why the catalog is not empty (then the seed does nothing), or undefined when it is. */
async function catalogNotEmpty(db: Db | Tx): Promise<string | undefined> {
  const { rows } = await db.execute<{ products: boolean; categories: boolean }>(
    sql`select exists (select 1 from ${products}) as products, exists (select 1 from ${categories}) as categories`,
  );
  if (rows[0]?.products) return 'products already exist';
  if (rows[0]?.categories) return 'categories already exist';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pictures and files

type Pictures = { products: Map<string, RenderedImage>; banners: Map<string, Buffer> };

/** The pictures the first `count` products show, and a banner per top-level category. */
async function renderPictures(cats: PlannedCategory[], count: number): Promise<Pictures> {
  const render = createPictureRenderer();
  const out: Pictures = { products: new Map(), banners: new Map() };
  // sharp works on libuv's thread pool (4 threads by default): keep it busy, not flooded.
  await mapLimit(picturesFor(count), 4, async (spec) => {
    out.products.set(spec.key, await render(spec));
  });
  await mapLimit(
    cats.filter((c) => c.depth === 1),
    4,
    async (root) => {
      const leaves = cats.filter((c) => c.leaf && c.root === root.root).map((c) => c.leaf!);
      const items = leaves.map((l) => ({ shape: l.shape, color: l.colors[0]! }));
      out.banners.set(root.slug, await renderBanner(root.root.hue, items));
    },
  );
  return out;
}

/**
 * Shared files live under a reserved product id that no product has, in the key shape of uploads
 * (`products/<uuid>/<uuid>/<rendition>.webp`), which is what GET /uploads serves.
 */
export const POOL_PRODUCT_ID = '00000000-0000-4000-8000-000000000000';
const poolKey = (picture: string, rendition: RenditionName) =>
  `products/${POOL_PRODUCT_ID}/${stableUuid('picture', picture)}/${rendition}.webp`;
const bannerKey = (categorySlug: string) =>
  `products/${POOL_PRODUCT_ID}/${stableUuid('banner', categorySlug)}/full.webp`;
const url = (key: string) => `/uploads/${key}`;

/** A UUID-shaped name derived from the keys (file names only; rows get random ids). */
function stableUuid(...keys: string[]): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      hashSeed(...keys, i)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function pooledFiles(pictures: Pictures): [string, Buffer][] {
  const files: [string, Buffer][] = [];
  for (const [key, img] of pictures.products)
    for (const r of RENDITIONS) files.push([poolKey(key, r.name), img[r.name].data]);
  for (const [slug, data] of pictures.banners) files.push([bannerKey(slug), data]);
  return files;
}

// ---------------------------------------------------------------------------------------------
// Rows

function categoryRowsFor(cats: PlannedCategory[], pictures: Pictures) {
  const ids = new Map<string, string>();
  const paths = new Map<string, string[]>();
  const firstLeaf = (slug: string) => {
    const under = (c: PlannedCategory): boolean =>
      c.slug === slug || (!!c.parentSlug && under(cats.find((x) => x.slug === c.parentSlug)!));
    return cats.find((c) => c.leaf && under(c))?.leaf;
  };
  return cats.map((c) => {
    const id = randomUUID();
    ids.set(c.slug, id);
    const path = [...(c.parentSlug ? paths.get(c.parentSlug)! : []), id];
    paths.set(c.slug, path);
    // The icon is a thumbnail of the first leaf's picture (when that picture was rendered).
    const leaf = firstLeaf(c.slug);
    const icon =
      leaf && [...pictures.products.keys()].find((k) => k.startsWith(`${leaf.code.toLowerCase()}-`));
    return {
      id,
      parentId: c.parentSlug ? ids.get(c.parentSlug)! : null,
      name: c.name,
      slug: c.slug,
      description: c.description,
      iconUrl: icon ? url(poolKey(icon, 'thumb')) : null,
      bannerUrl: pictures.banners.has(c.slug) ? url(bannerKey(c.slug)) : null,
      sortOrder: c.sortOrder,
      isActive: true,
      seoTitle: c.seoTitle,
      seoDescription: c.seoDescription,
      path,
    } satisfies typeof categories.$inferInsert;
  });
}

type RowContext = {
  now: number;
  ownImages: number;
  categoryIds: Map<string, string>;
  reviewerIds: (string | undefined)[];
  pictures: Pictures;
};

/** The rows (and own files) of one batch of planned products. */
function rowsFor(batch: PlannedProduct[], ctx: RowContext) {
  const out = {
    products: [] as (typeof products.$inferInsert)[],
    variants: [] as (typeof productVariants.$inferInsert)[],
    images: [] as (typeof productImages.$inferInsert)[],
    reviews: [] as (typeof reviews.$inferInsert)[],
    files: [] as [string, Buffer][],
  };
  for (const p of batch) {
    const id = randomUUID();
    const imageId = randomUUID();
    const createdAt = new Date(ctx.now - p.createdDaysAgo * DAY);

    // Image: own copies under the product's keys, or the pooled files. The original key is
    // always the product's own, so deleting the image can never remove a pooled file.
    const img = ctx.pictures.products.get(p.image.key);
    if (!img) throw new Error(`no picture rendered for ${p.image.key}`);
    const own = (name: RenditionName) => `products/${id}/${imageId}/${name}.webp`;
    const shared = p.index >= ctx.ownImages;
    const rendition = (name: RenditionName) => {
      const key = shared ? poolKey(p.image.key, name) : own(name);
      if (!shared) out.files.push([key, img[name].data]);
      return { url: url(key), width: img[name].width, height: img[name].height };
    };
    const renditions: Renditions = {
      thumb: rendition('thumb'),
      card: rendition('card'),
      full: rendition('full'),
    };

    // Reviews, and the rating summary computed from the approved ones.
    const distribution: RatingDistribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    let sum = 0;
    let approved = 0;
    for (const r of p.reviews) {
      const userId = ctx.reviewerIds[r.reviewer];
      if (!userId) continue;
      const at = new Date(Math.min(ctx.now, createdAt.getTime() + r.dayOffset * DAY + 3_600_000));
      out.reviews.push({
        id: randomUUID(),
        productId: id,
        userId,
        rating: r.rating,
        title: r.title,
        comment: r.comment,
        status: r.status,
        moderationNote: r.status === 'approved' ? 'Approved (demo data)' : null,
        moderatedAt: r.status === 'approved' ? at : null,
        createdAt: at,
        updatedAt: at,
      });
      if (r.status === 'approved') {
        distribution[String(r.rating) as keyof RatingDistribution]++;
        sum += r.rating;
        approved++;
      }
    }

    out.products.push({
      id,
      slug: p.slug,
      name: p.name,
      shortDescription: p.shortDescription,
      description: p.description,
      brand: p.brand,
      tags: p.tags,
      attributes: p.attributes,
      unit: p.unit,
      weightGrams: p.weightGrams,
      dimensions: p.dimensions,
      status: p.status,
      isFeatured: p.isFeatured,
      seoTitle: p.seoTitle,
      seoDescription: p.seoDescription,
      categoryId: ctx.categoryIds.get(p.categorySlug)!,
      currency: 'USD',
      options: p.options,
      priceCents: p.priceCents,
      salePriceCents: p.salePriceCents,
      // Rounded as the reviews module rounds it when it recomputes the summary.
      ratingAvg: approved ? Math.round((sum / approved) * 100) / 100 : 0,
      ratingCount: approved,
      ratingDistribution: distribution,
      mainImage: renditions,
      createdAt,
      updatedAt: createdAt,
    });
    for (const v of p.variants) {
      out.variants.push({
        id: randomUUID(),
        productId: id,
        sku: v.sku,
        name: v.name,
        options: v.options,
        priceCents: v.priceCents,
        salePriceCents: v.salePriceCents,
        isDefault: v.isDefault,
        position: v.position,
        weightGrams: v.weightGrams,
        status: 'active',
        createdAt,
        updatedAt: createdAt,
      });
    }
    out.images.push({
      id: imageId,
      productId: id,
      originalKey: own('full'),
      contentType: 'image/webp',
      width: renditions.full.width,
      height: renditions.full.height,
      bytes: img.full.data.length,
      alt: p.name,
      position: 0,
      isMain: true,
      renditions,
      status: 'ready',
      createdAt,
    });
  }
  return out;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
