import { randomUUID } from 'node:crypto';
import { buffer as readAll } from 'node:stream/consumers';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { isStaff, type Actor } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { AppError, conflict, findOrFail, invalid, notFound } from '../../platform/errors.js';
import { enqueue } from '../../platform/queue.js';
import type { Storage } from '../../platform/storage.js';
import { processImageJob } from './images.jobs.js';
import { productImages, products, type ImageRendition, type ImageRow, type Renditions } from './schema.js';

/**
 * Product image galleries (CAT-4). An upload is sniffed and stored as the original, then the
 * `catalog__process_image` job (JOB-3) makes the WebP renditions the storefront shows. The main
 * image's renditions are copied onto `products.main_image`, so product cards need no join.
 */

/** Bounding boxes (fit inside, never enlarged) of the renditions the job makes. */
export const RENDITION_SIZES = { thumb: 160, card: 480, full: 1200 } as const;
type RenditionName = keyof typeof RENDITION_SIZES;
const RENDITION_NAMES = Object.keys(RENDITION_SIZES) as RenditionName[];

/** Decoding cost guard: a small file can still declare enormous dimensions. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MAX_IMAGES_PER_PRODUCT = 50;
const WEBP_QUALITY = 82;

/** Where stored files are served (see `uploadsRoutes`). */
export const UPLOADS_PREFIX = '/uploads/';

type ImageType = { ext: string; contentType: string; sharpFormat: string };

const IMAGE_TYPES = {
  jpeg: { ext: 'jpg', contentType: 'image/jpeg', sharpFormat: 'jpeg' },
  png: { ext: 'png', contentType: 'image/png', sharpFormat: 'png' },
  gif: { ext: 'gif', contentType: 'image/gif', sharpFormat: 'gif' },
  webp: { ext: 'webp', contentType: 'image/webp', sharpFormat: 'webp' },
  // libvips reads AVIF through libheif, so sharp reports it as heif with av1 compression.
  avif: { ext: 'avif', contentType: 'image/avif', sharpFormat: 'heif' },
} satisfies Record<string, ImageType>;

const ascii = (buf: Buffer, offset: number, text: string) =>
  buf.length >= offset + text.length && buf.toString('latin1', offset, offset + text.length) === text;

/** AVIF is an ISO-BMFF file whose leading `ftyp` box names `avif`/`avis` as major or compatible brand. */
function isAvif(buf: Buffer) {
  if (buf.length < 16 || !ascii(buf, 4, 'ftyp')) return false;
  const end = Math.min(buf.readUInt32BE(0), buf.length, 256);
  for (let off = 8; off + 4 <= end; off += 4) {
    if (off === 12) continue; // minor version, not a brand
    if (ascii(buf, off, 'avif') || ascii(buf, off, 'avis')) return true;
  }
  return false;
}

/** The image type from the file's magic numbers; the filename and client content type are never trusted. */
export function sniffImageType(buf: Buffer): ImageType | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return IMAGE_TYPES.jpeg;
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return IMAGE_TYPES.png;
  if (ascii(buf, 0, 'GIF87a') || ascii(buf, 0, 'GIF89a')) return IMAGE_TYPES.gif;
  if (ascii(buf, 0, 'RIFF') && ascii(buf, 8, 'WEBP')) return IMAGE_TYPES.webp;
  if (isAvif(buf)) return IMAGE_TYPES.avif;
  return undefined;
}

export const unsupportedImage = () =>
  new AppError(415, 'UNSUPPORTED_IMAGE', 'The file is not a JPEG, PNG, WebP, GIF or AVIF image', [
    { field: 'body.file', message: 'not a supported image' },
  ]);

export const fileTooLarge = (maxBytes: number) =>
  new AppError(413, 'FILE_TOO_LARGE', `The file is larger than the ${formatBytes(maxBytes)} limit`, [
    { field: 'body.file', message: `at most ${maxBytes} bytes` },
  ]);

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MiB` : `${+(n / 1024).toFixed(1)} KiB`;

/** Sniffs the type, then has sharp read the header: the format must agree and the size be sane. */
async function inspect(data: Buffer) {
  const type = sniffImageType(data);
  if (!type) throw unsupportedImage();
  const meta = await sharp(data)
    .metadata()
    .catch(() => undefined);
  if (!meta || meta.format !== type.sharpFormat) throw unsupportedImage();
  if (type === IMAGE_TYPES.avif && meta.compression !== 'av1') throw unsupportedImage();
  // As displayed: EXIF orientation 5–8 swaps width and height.
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw unsupportedImage();
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      422,
      'IMAGE_TOO_LARGE',
      `Images may have at most ${MAX_IMAGE_PIXELS / 1e6} megapixels`,
      [
        {
          field: 'body.file',
          message: `${width}×${height} is more than ${MAX_IMAGE_PIXELS / 1e6} megapixels`,
        },
      ],
    );
  }
  return { type, width, height };
}

const imageDir = (productId: string, imageId: string) => `products/${productId}/${imageId}`;
const renditionKey = (productId: string, imageId: string, name: RenditionName) =>
  `${imageDir(productId, imageId)}/${name}.webp`;
/** Every file an image may own, whether or not its job has run yet. */
const storedKeys = (row: Pick<ImageRow, 'id' | 'productId' | 'originalKey'>) => [
  row.originalKey,
  ...RENDITION_NAMES.map((n) => renditionKey(row.productId, row.id, n)),
];

export type ProductImage = {
  id: string;
  product_id: string;
  alt: string | null;
  position: number;
  is_main: boolean;
  status: 'processing' | 'ready' | 'failed';
  error: string | null;
  content_type: string;
  width: number | null;
  height: number | null;
  bytes: number;
  renditions: Renditions | null;
  created_at: string;
};

export function toImage(r: ImageRow): ProductImage {
  return {
    id: r.id,
    product_id: r.productId,
    alt: r.alt,
    position: r.position,
    is_main: r.isMain,
    status: r.status,
    error: r.error,
    content_type: r.contentType,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    renditions: r.renditions,
    created_at: r.createdAt.toISOString(),
  };
}

export type ImageDeps = {
  db: Db;
  storage: Storage;
  /** The upload limit (config.uploadMaxBytes); the HTTP layer enforces it while streaming too. */
  maxBytes: number;
  /** Called after a product's gallery or main image changed (e.g. to invalidate cached product reads). */
  onProductChange?: (productId: string) => unknown;
};

export function createImageService(deps: ImageDeps) {
  const { db, storage, maxBytes } = deps;
  const changed = async (productId: string) => {
    await deps.onProductChange?.(productId);
  };

  /**
   * Serialises gallery changes per product (uploads, reorder, main flag, processing results).
   * `no key update` does not block foreign-key checks or readers.
   */
  async function lockProduct(tx: DbOrTx, productId: string) {
    const [row] = await tx
      .select({ id: products.id })
      .from(products)
      .where(eq(products.id, productId))
      .for('no key update');
    return findOrFail(row, 'Product');
  }

  async function getImage(tx: DbOrTx, productId: string, imageId: string) {
    const [row] = await tx
      .select()
      .from(productImages)
      .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)));
    return findOrFail(row, 'Image');
  }

  const gallery = (tx: DbOrTx, productId: string) =>
    tx
      .select()
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position), asc(productImages.createdAt));

  /** Copies the main image's renditions (or null) onto the product row. */
  async function syncMainImage(tx: DbOrTx, productId: string) {
    const [main] = await tx
      .select({ renditions: productImages.renditions })
      .from(productImages)
      .where(and(eq(productImages.productId, productId), eq(productImages.isMain, true)));
    await tx
      .update(products)
      .set({ mainImage: main?.renditions ?? null })
      .where(eq(products.id, productId));
  }

  /** Makes the renditions: decode and orient once at the largest size, derive the smaller ones from it. */
  async function render(original: Buffer) {
    const base = await sharp(original, { limitInputPixels: MAX_IMAGE_PIXELS })
      .autoOrient()
      .resize(RENDITION_SIZES.full, RENDITION_SIZES.full, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };
    const out = {} as Record<RenditionName, { data: Buffer; width: number; height: number }>;
    for (const name of RENDITION_NAMES) {
      const size = RENDITION_SIZES[name];
      // Output carries no metadata (EXIF, XMP, ICC) unless asked for: sharp strips it by default.
      const { data, info } = await sharp(base.data, { raw })
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      out[name] = { data, width: info.width, height: info.height };
    }
    return out;
  }

  return {
    /** Stores the original, records the image (processing) and enqueues its processing, atomically. */
    async upload(actor: Actor, productId: string, input: { data: Buffer; alt?: string | null }) {
      if (input.data.length === 0) throw invalid('body.file', 'The file is empty');
      if (input.data.length > maxBytes) throw fileTooLarge(maxBytes);
      findOrFail(
        (await db.select({ id: products.id }).from(products).where(eq(products.id, productId)))[0],
        'Product',
      );
      const { type, width, height } = await inspect(input.data);

      const id = randomUUID();
      const originalKey = `${imageDir(productId, id)}/original.${type.ext}`;
      await storage.put(originalKey, input.data);
      try {
        const row = await db.transaction(async (tx) => {
          await lockProduct(tx, productId);
          const [gal] = await tx
            .select({
              count: sql<number>`count(*)::int`,
              next: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int`,
              hasMain: sql<boolean>`coalesce(bool_or(${productImages.isMain}), false)`,
            })
            .from(productImages)
            .where(eq(productImages.productId, productId));
          if (gal!.count >= MAX_IMAGES_PER_PRODUCT) {
            throw conflict('GALLERY_FULL', `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images`);
          }
          const [inserted] = await tx
            .insert(productImages)
            .values({
              id,
              productId,
              originalKey,
              contentType: type.contentType,
              width,
              height,
              bytes: input.data.length,
              alt: input.alt?.trim() || null,
              position: gal!.next,
              // The first image (or the first since the product lost its main one) becomes main.
              isMain: !gal!.hasMain,
              status: 'processing',
            })
            .returning();
          await enqueue(
            tx,
            processImageJob,
            { imageId: id },
            { userId: actor.id, entity: { type: 'product_image', id } },
          );
          return inserted!;
        });
        await changed(productId);
        return toImage(row);
      } catch (err) {
        await storage.remove(originalKey).catch(() => {});
        throw err;
      }
    },

    /**
     * The job's work: WebP renditions, stored and recorded. Idempotent: a ready image is left
     * alone, a deleted one skipped, and a rerun overwrites the same keys. The image is marked
     * failed (with the error) only on the last attempt; earlier failures are retried.
     */
    async process(imageId: string, opts: { finalAttempt: boolean }) {
      const [img] = await db.select().from(productImages).where(eq(productImages.id, imageId));
      if (!img) return { image_id: imageId, skipped: 'deleted' };
      if (img.status === 'ready' && img.renditions) return { image_id: imageId, skipped: 'already ready' };
      try {
        const original = await readAll(await storage.read(img.originalKey));
        const made = await render(original);
        const renditions = {} as Record<RenditionName, ImageRendition>;
        for (const name of RENDITION_NAMES) {
          const key = renditionKey(img.productId, img.id, name);
          await storage.put(key, made[name].data);
          renditions[name] = {
            url: `${UPLOADS_PREFIX}${key}`,
            width: made[name].width,
            height: made[name].height,
          };
        }
        const saved = await db.transaction(async (tx) => {
          const product = await tx
            .select({ id: products.id })
            .from(products)
            .where(eq(products.id, img.productId))
            .for('no key update');
          if (!product[0]) return false;
          const [row] = await tx
            .update(productImages)
            .set({ renditions, status: 'ready', error: null })
            .where(eq(productImages.id, imageId))
            .returning({ isMain: productImages.isMain });
          if (row?.isMain) await syncMainImage(tx, img.productId);
          return !!row;
        });
        if (!saved) {
          // Deleted while we worked: the delete may have run before our files existed.
          await Promise.all(storedKeys(img).map((k) => storage.remove(k)));
          return { image_id: imageId, skipped: 'deleted' };
        }
        await changed(img.productId);
        return { image_id: imageId, renditions };
      } catch (err) {
        if (opts.finalAttempt) {
          const message = err instanceof Error ? err.message : String(err);
          await db
            .update(productImages)
            .set({ status: 'failed', error: message.slice(0, 1000) })
            .where(and(eq(productImages.id, imageId), ne(productImages.status, 'ready')));
          await changed(img.productId);
        }
        throw err;
      }
    },

    /** A product's gallery in order: shoppers see ready images of active products, staff see all. */
    async list(actor: Actor | null, productId: string) {
      const staff = isStaff(actor);
      const [product] = await db
        .select({ status: products.status })
        .from(products)
        .where(eq(products.id, productId));
      if (!product || (!staff && product.status !== 'active')) throw notFound('Product');
      const rows = await gallery(db, productId);
      return rows.filter((r) => staff || r.status === 'ready').map(toImage);
    },

    /**
     * Galleries of many products at once (product pages and listings), ready images only unless
     * asked; every requested id is present in the result, with [] when it has none.
     */
    async listForProducts(
      productIds: string[],
      opts: { includeUnready?: boolean; tx?: DbOrTx } = {},
    ): Promise<Map<string, ProductImage[]>> {
      const result = new Map<string, ProductImage[]>(productIds.map((id) => [id, []]));
      if (!productIds.length) return result;
      const rows = await (opts.tx ?? db)
        .select()
        .from(productImages)
        .where(
          and(
            inArray(productImages.productId, [...new Set(productIds)]),
            opts.includeUnready ? undefined : eq(productImages.status, 'ready'),
          ),
        )
        .orderBy(asc(productImages.productId), asc(productImages.position), asc(productImages.createdAt));
      for (const r of rows) result.get(r.productId)?.push(toImage(r));
      return result;
    },

    /** New gallery order: `imageIds` must be exactly the product's images, each once. */
    async reorder(productId: string, imageIds: string[]) {
      const rows = await db.transaction(async (tx) => {
        await lockProduct(tx, productId);
        const current = new Set((await gallery(tx, productId)).map((r) => r.id));
        if (new Set(imageIds).size !== imageIds.length)
          throw invalid('body.image_ids', 'Each image may appear only once');
        if (imageIds.length !== current.size || imageIds.some((id) => !current.has(id)))
          throw invalid(
            'body.image_ids',
            `Must list exactly this product's ${current.size} image${current.size === 1 ? '' : 's'}`,
          );
        for (const [position, id] of imageIds.entries()) {
          await tx.update(productImages).set({ position }).where(eq(productImages.id, id));
        }
        return gallery(tx, productId);
      });
      await changed(productId);
      return rows.map(toImage);
    },

    /** Moves the main flag to this image and its renditions onto the product row, atomically. */
    async setMain(productId: string, imageId: string) {
      const rows = await db.transaction(async (tx) => {
        await lockProduct(tx, productId);
        const img = await getImage(tx, productId, imageId);
        if (img.status === 'failed')
          throw conflict('IMAGE_FAILED', 'This image could not be processed; upload it again');
        if (!img.isMain) {
          // Clear first: the partial unique index allows one main image per product.
          await tx
            .update(productImages)
            .set({ isMain: false })
            .where(and(eq(productImages.productId, productId), eq(productImages.isMain, true)));
          await tx.update(productImages).set({ isMain: true }).where(eq(productImages.id, imageId));
        }
        await syncMainImage(tx, productId);
        return gallery(tx, productId);
      });
      await changed(productId);
      return rows.map(toImage);
    },

    async update(productId: string, imageId: string, patch: { alt: string | null }) {
      const [row] = await db
        .update(productImages)
        .set({ alt: patch.alt?.trim() || null })
        .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
        .returning();
      const updated = findOrFail(row, 'Image');
      await changed(productId);
      return toImage(updated);
    },

    /**
     * Removes the image and its files. When it was the main image, the first remaining usable
     * image by position becomes main, and the product row follows.
     */
    async remove(productId: string, imageId: string) {
      const removed = await db.transaction(async (tx) => {
        await lockProduct(tx, productId);
        const [row] = await tx
          .delete(productImages)
          .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
          .returning();
        const gone = findOrFail(row, 'Image');
        // Keep positions dense (0..n-1) in the existing order.
        const rest = await gallery(tx, productId);
        for (const [position, r] of rest.entries()) {
          if (r.position !== position)
            await tx.update(productImages).set({ position }).where(eq(productImages.id, r.id));
        }
        if (gone.isMain) {
          const next = rest.find((r) => r.status !== 'failed');
          if (next) await tx.update(productImages).set({ isMain: true }).where(eq(productImages.id, next.id));
        }
        await syncMainImage(tx, productId);
        return gone;
      });
      // After commit: a rolled-back delete must not lose its files.
      await Promise.all(storedKeys(removed).map((k) => storage.remove(k)));
      await changed(productId);
    },
  };
}

export type ImageService = ReturnType<typeof createImageService>;
