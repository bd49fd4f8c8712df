import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { problemResponses, secured } from '../../platform/http.js';
import type { Storage } from '../../platform/storage.js';
import { fileTooLarge, MAX_IMAGES_PER_PRODUCT, type ImageService } from './images.js';

const rendition = z.object({ url: z.string(), width: z.number().int(), height: z.number().int() });

/** One gallery image as the API returns it (also embedded by product detail responses). */
export const productImageSchema = z.object({
  id: z.uuid(),
  product_id: z.uuid(),
  alt: z.string().nullable(),
  position: z.number().int().describe('0-based place in the gallery'),
  is_main: z.boolean().describe('The product card image; exactly one per product with images'),
  status: z.enum(['processing', 'ready', 'failed']).describe('Renditions exist once ready'),
  error: z.string().nullable().describe('Why processing failed'),
  content_type: z.string().describe('Of the uploaded original, sniffed from its bytes'),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int(),
  renditions: z
    .object({ thumb: rendition, card: rendition, full: rendition })
    .nullable()
    .describe('WebP, fit inside 160 / 480 / 1200 px'),
  created_at: z.string(),
});

const alt = z.string().trim().max(200, 'At most 200 characters');
const productParams = z.object({ productId: z.uuid('Must be a UUID') });
const imageParams = productParams.extend({ imageId: z.uuid('Must be a UUID') });

/** For the OpenAPI document only: the handler reads and checks the multipart stream itself. */
const uploadBody = z.object({
  file: z.string().meta({ format: 'binary' }).describe('JPEG, PNG, WebP, GIF or AVIF'),
  alt: alt.optional(),
});
export const skipBodyValidation = <S>(route: FastifyRouteSchemaDef<S>) =>
  route.httpPart === 'body'
    ? (data: unknown) => ({ value: data })
    : validatorCompiler(route as FastifyRouteSchemaDef<z.ZodType>);

/**
 * Reads the upload form: exactly one file field `file` and an optional `alt`. The size limit is
 * enforced while the part streams in (busboy stops reading past it), never after buffering.
 */
async function readImageForm(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart())
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data');
  const errors = req.server.multipartErrors;
  let data: Buffer | undefined;
  let altText: string | undefined;
  try {
    const parts = req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 4096, parts: 6 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(`body.${part.fieldname}`, 'Unknown file field; send the image as `file`');
        }
        data = await part.toBuffer();
      } else if (part.fieldname === 'alt') {
        if (part.valueTruncated) throw invalid('body.alt', 'At most 200 characters');
        altText = String(part.value);
      } else {
        throw invalid(`body.${part.fieldname}`, 'Unknown field');
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof errors.RequestFileTooLargeError) throw fileTooLarge(maxBytes);
    if (
      err instanceof errors.FilesLimitError ||
      err instanceof errors.FieldsLimitError ||
      err instanceof errors.PartsLimitError
    )
      throw invalid('body', 'Send one file field `file` and an optional `alt` field');
    throw new AppError(400, 'MALFORMED_BODY', 'The multipart body could not be read');
  }
  if (!data) throw invalid('body.file', 'Required: the image file');
  let parsedAlt: string | undefined;
  if (altText !== undefined) {
    const res = alt.safeParse(altText);
    if (!res.success) throw invalid('body.alt', res.error.issues[0]?.message ?? 'invalid');
    parsedAlt = res.data;
  }
  return { data, alt: parsedAlt };
}

export const imageRoutes: FastifyPluginAsyncZod<{ images: ImageService; maxBytes: number }> = async (
  app,
  { images, maxBytes },
) => {
  const staff = app.requireRole('staff', 'admin');

  app.get(
    '/products/:productId/images',
    {
      preHandler: app.optionalAuth,
      schema: {
        tags: ['catalog'],
        summary: "A product's gallery in order",
        description: 'Shoppers see the ready images of an active product; staff see every image and status.',
        params: productParams,
        response: { 200: z.array(productImageSchema), ...problemResponses(404, 422) },
      },
    },
    async (req) => images.list(req.actor, req.params.productId),
  );

  app.post(
    '/admin/products/:productId/images',
    {
      preHandler: staff,
      validatorCompiler: skipBodyValidation,
      schema: {
        tags: ['admin: catalog'],
        summary: 'Upload a product image (processed into WebP renditions in the background)',
        description: `multipart/form-data with one file field \`file\` (JPEG, PNG, WebP, GIF or AVIF, at most ${maxBytes} bytes; the type is read from the bytes) and an optional \`alt\` text. The first image becomes the main image.`,
        security: secured,
        consumes: ['multipart/form-data'],
        params: productParams,
        body: uploadBody,
        response: {
          201: productImageSchema,
          ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (req, reply) => {
      const form = await readImageForm(req, maxBytes);
      const image = await images.upload(actorOf(req), req.params.productId, form);
      return reply.status(201).send(image);
    },
  );

  app.put(
    '/admin/products/:productId/images/order',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: catalog'],
        summary: 'Reorder the gallery',
        description: "`image_ids` must list exactly the product's images, each once, in the new order.",
        security: secured,
        params: productParams,
        body: z.strictObject({ image_ids: z.array(z.uuid()).max(MAX_IMAGES_PER_PRODUCT) }),
        response: { 200: z.array(productImageSchema), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => images.reorder(req.params.productId, req.body.image_ids),
  );

  app.post(
    '/admin/products/:productId/images/:imageId/main',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: catalog'],
        summary: 'Make this the main image (the product card image)',
        security: secured,
        params: imageParams,
        response: { 200: z.array(productImageSchema), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => images.setMain(req.params.productId, req.params.imageId),
  );

  app.patch(
    '/admin/products/:productId/images/:imageId',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: catalog'],
        summary: "Change an image's alt text",
        security: secured,
        params: imageParams,
        body: z.strictObject({ alt: alt.nullable() }),
        response: { 200: productImageSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => images.update(req.params.productId, req.params.imageId, { alt: req.body.alt }),
  );

  app.delete(
    '/admin/products/:productId/images/:imageId',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: catalog'],
        summary: 'Delete an image and its files (the next image becomes main if it was main)',
        security: secured,
        params: imageParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await images.remove(req.params.productId, req.params.imageId);
      return reply.status(204).send(null);
    },
  );
};

/** Stored files the public may fetch: generated renditions only, never originals (they keep EXIF, e.g. GPS). */
const PUBLIC_FILE = /^products\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/(thumb|card|full)\.webp$/;
const CONTENT_TYPES: Record<string, string> = { webp: 'image/webp' };

/**
 * GET /uploads/<key>: public product images from storage. Keys are unique per upload, so the
 * files are cacheable forever. Only keys matching PUBLIC_FILE are served: no path can reach
 * another prefix (data exports live in the same storage) or leave the storage root.
 */
export const uploadsRoutes: FastifyPluginAsyncZod<{ storage: Storage }> = async (app, { storage }) => {
  app.get(
    '/uploads/*',
    { schema: { hide: true, params: z.object({ '*': z.string() }) } },
    async (req, reply) => {
      const key = req.params['*'];
      if (!PUBLIC_FILE.test(key)) throw notFound('File');
      const stream = await storage.read(key).catch(() => {
        throw notFound('File');
      });
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('cross-origin-resource-policy', 'cross-origin')
        .type(CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream')
        .send(stream);
    },
  );
};
