import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, isStaff } from '../../platform/auth.js';
import type { Cache } from '../../platform/cache.js';
import { notFound } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import { problemResponses, secured } from '../../platform/http.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { CATALOG_CACHE, CATALOG_STOCK_TOPIC } from './categories.js';
import { productImageSchema, skipBodyValidation } from './images.routes.js';
import { MAX_IMPORT_ROWS, parseImport } from './import.js';
import type { CatalogService } from './service.js';
import { SORTS } from './search.js';
import { SLUG_PATTERN } from './slug.js';

// ---- schemas ------------------------------------------------------------------------------

const money = z.number().int('Must be whole minor units (cents)').min(0).max(100_000_000);
const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const slug = z.string().max(90).regex(SLUG_PATTERN, 'Lower-case letters, digits and single hyphens only');
const sku = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, ".", "_" and "-"');
const idParam = z.object({ id: z.uuid('Must be a UUID') });

const renditions = z
  .object({
    thumb: z.object({ url: z.string(), width: z.number(), height: z.number() }),
    card: z.object({ url: z.string(), width: z.number(), height: z.number() }),
    full: z.object({ url: z.string(), width: z.number(), height: z.number() }),
  })
  .nullable();

const category = z.object({
  id: z.uuid(),
  parent_id: z.uuid().nullable(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  icon_url: z.string().nullable(),
  banner_url: z.string().nullable(),
  sort_order: z.number().int(),
  is_active: z.boolean(),
  seo_title: z.string().nullable(),
  seo_description: z.string().nullable(),
  depth: z.number().int(),
});
type Node = z.infer<typeof category> & { product_count: number; children: Node[] };
// Recursive, so OpenAPI needs it as a named component ($ref); unnamed, its $ref would dangle.
const categoryNode: z.ZodType<Node> = category
  .extend({
    product_count: z.number().int(),
    get children() {
      return z.array(categoryNode);
    },
  })
  .meta({ id: 'CategoryNode' });
const crumb = z.object({ id: z.uuid(), name: z.string(), slug: z.string() });
const categoryDetail = category.extend({
  product_count: z.number().int(),
  breadcrumb: z.array(crumb),
  children: z.array(category.extend({ product_count: z.number().int() })),
});

const categoryBody = z.strictObject({
  name: text(120),
  slug: slug.optional(),
  parent_id: z.uuid().nullish(),
  description: optionalText(5000),
  icon_url: optionalText(500),
  banner_url: optionalText(500),
  sort_order: z.number().int().min(-100_000).max(100_000).optional(),
  is_active: z.boolean().optional(),
  seo_title: optionalText(160),
  seo_description: optionalText(320),
});
const toCategoryInput = (b: Partial<z.infer<typeof categoryBody>>) => ({
  name: b.name!,
  slug: b.slug,
  parentId: b.parent_id,
  description: b.description,
  iconUrl: b.icon_url,
  bannerUrl: b.banner_url,
  sortOrder: b.sort_order,
  isActive: b.is_active,
  seoTitle: b.seo_title,
  seoDescription: b.seo_description,
});

const card = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  unit: z.string().nullable(),
  currency: z.string(),
  price_cents: z.number().int(),
  sale_price_cents: z.number().int().nullable(),
  effective_price_cents: z.number().int(),
  discount_percent: z.number().int(),
  in_stock: z.boolean(),
  is_featured: z.boolean(),
  rating_average: z.number(),
  rating_count: z.number().int(),
  image: z.object({ thumb: z.string(), card: z.string() }).nullable(),
  category_id: z.uuid(),
  tags: z.array(z.string()),
  default_variant_id: z.uuid().nullable(),
  has_variants: z.boolean(),
});

const variant = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  options: z.record(z.string(), z.string()),
  price_cents: z.number().int(),
  sale_price_cents: z.number().int().nullable(),
  effective_price_cents: z.number().int(),
  discount_percent: z.number().int(),
  is_default: z.boolean(),
  position: z.number().int(),
  weight_grams: z.number().int().nullable(),
  status: z.enum(['active', 'archived']),
  in_stock: z
    .boolean()
    .nullable()
    .describe('Whether the `store` asked about can sell this variant now; null when none was given'),
});

const dimensions = z.strictObject({
  length_mm: z.number().int().min(1).max(10_000),
  width_mm: z.number().int().min(1).max(10_000),
  height_mm: z.number().int().min(1).max(10_000),
});
const attributes = z
  .record(z.string().min(1).max(50), z.union([z.string().max(200), z.number(), z.boolean()]))
  .refine((a) => Object.keys(a).length <= 50, 'At most 50 attributes');
const option = z.strictObject({ name: text(40), values: z.array(text(60)).min(1).max(50) });

const product = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  sku: z.string(),
  short_description: z.string().nullable(),
  description: z.string().nullable(),
  brand: z.string().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  unit: z.string().nullable(),
  weight_grams: z.number().int().nullable(),
  dimensions: dimensions.nullable(),
  is_digital: z.boolean(),
  status: z.enum(['draft', 'active', 'archived']),
  is_featured: z.boolean(),
  seo_title: z.string().nullable(),
  seo_description: z.string().nullable(),
  category_id: z.uuid(),
  currency: z.string(),
  price_cents: z.number().int(),
  sale_price_cents: z.number().int().nullable(),
  effective_price_cents: z.number().int(),
  discount_percent: z.number().int(),
  in_stock: z.boolean(),
  rating: z.object({
    average: z.number(),
    count: z.number().int(),
    distribution: z.object({
      '1': z.number(),
      '2': z.number(),
      '3': z.number(),
      '4': z.number(),
      '5': z.number(),
    }),
  }),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  main_image: renditions,
  created_at: z.string(),
  updated_at: z.string(),
  variants: z.array(variant),
  images: z.array(productImageSchema),
  category: z
    .object({ id: z.uuid(), name: z.string(), slug: z.string(), breadcrumb: z.array(crumb) })
    .nullable(),
});

const variantBody = z.strictObject({
  sku,
  name: text(80),
  options: z.record(z.string().max(40), z.string().max(60)).optional(),
  price_cents: money,
  sale_price_cents: money.nullish(),
  is_default: z.boolean().optional(),
  weight_grams: z.number().int().min(0).max(1_000_000).nullish(),
});
const toVariantInput = (v: z.infer<typeof variantBody>) => ({
  sku: v.sku,
  name: v.name,
  options: v.options,
  priceCents: v.price_cents,
  salePriceCents: v.sale_price_cents,
  isDefault: v.is_default,
  weightGrams: v.weight_grams,
});

const productFields = {
  name: text(200),
  slug: slug.optional(),
  sku,
  short_description: optionalText(500),
  description: optionalText(20_000),
  brand: optionalText(100),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(30).optional(),
  attributes: attributes.optional(),
  unit: optionalText(40),
  weight_grams: z.number().int().min(0).max(1_000_000).nullish(),
  dimensions: dimensions.nullish(),
  is_digital: z.boolean().optional(),
  status: z.enum(['draft', 'active', 'archived']).optional(),
  is_featured: z.boolean().optional(),
  seo_title: optionalText(160),
  seo_description: optionalText(320),
  category_id: z.uuid(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'ISO 4217 code, e.g. USD')
    .optional(),
  price_cents: money,
  sale_price_cents: money.nullish(),
};
const productBody = z.strictObject({
  ...productFields,
  options: z.array(option).max(3).optional(),
  variants: z.array(variantBody).max(100).optional(),
});
const productPatch = z.strictObject(productFields).partial();

const toProductInput = (b: Partial<z.infer<typeof productBody>>) => ({
  name: b.name!,
  slug: b.slug,
  sku: b.sku!,
  shortDescription: b.short_description,
  description: b.description,
  brand: b.brand,
  tags: b.tags,
  attributes: b.attributes,
  unit: b.unit,
  weightGrams: b.weight_grams,
  dimensions: b.dimensions,
  isDigital: b.is_digital,
  status: b.status,
  isFeatured: b.is_featured,
  seoTitle: b.seo_title,
  seoDescription: b.seo_description,
  categoryId: b.category_id!,
  currency: b.currency,
  priceCents: b.price_cents!,
  salePriceCents: b.sale_price_cents,
  options: b.options,
  variants: b.variants?.map(toVariantInput),
});

const list = (max: number) =>
  z
    .string()
    .max(1000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .slice(0, max),
    );
const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The shopper's dark store (from `GET /stores/resolve`): stock answers are for it. */
const storeQuery = {
  store: z
    .uuid('Must be a store id (UUID)')
    .optional()
    .describe(
      "The shopper's dark store id (`GET /stores/resolve`): `in_stock` and the in-stock filter answer for that store instead of any store",
    ),
};

const searchQuery = z.object({
  q: z.string().trim().max(200, 'Search text is limited to 200 characters').optional(),
  category: z.string().max(100).optional().describe('Category id or slug; includes its descendants'),
  min_price: z.coerce.number().int().min(0).max(100_000_000).optional(),
  max_price: z.coerce.number().int().min(0).max(100_000_000).optional(),
  in_stock: boolQuery.optional(),
  ...storeQuery,
  featured: boolQuery.optional(),
  rating_gte: z.coerce.number().min(1).max(5).optional(),
  tags: list(10).optional().describe('Comma-separated; products with any of them'),
  brand: list(20).optional().describe('Comma-separated brands'),
  sort: z
    .enum(SORTS)
    .optional()
    .describe('relevance (default when searching) or popularity (default otherwise)'),
  ...pageQuery,
});

const facets = z.object({
  categories: z.array(
    z.object({ id: z.uuid(), name: z.string(), slug: z.string(), count: z.number().int() }),
  ),
  brands: z.array(z.object({ brand: z.string(), count: z.number().int() })),
  price_buckets: z.array(
    z.object({
      min_cents: z.number().int(),
      max_cents: z.number().int().nullable(),
      count: z.number().int(),
    }),
  ),
});

const searchResponse = pageSchema(card).extend({ facets });
const suggestions = z.object({
  products: z.array(
    z.object({ id: z.uuid(), name: z.string(), slug: z.string(), image: z.string().nullable() }),
  ),
  categories: z.array(crumb),
});

const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12), ...storeQuery });
const productQuery = z.object(storeQuery);

// ---- routes -------------------------------------------------------------------------------

export const catalogRoutes: FastifyPluginAsyncZod<{
  catalog: CatalogService;
  cache: Cache;
  events: EventBus;
}> = async (app, { catalog, cache, events }) => {
  const unsubscribe = events.subscribe(CATALOG_STOCK_TOPIC, () => void cache.invalidate(CATALOG_CACHE));
  app.addHook('onClose', async () => unsubscribe());

  /**
   * Public catalog reads are cached as finished JSON: a hit costs a lookup and a write, with no
   * query, validation or serialisation. The body is checked against the response schema once,
   * when it is built. Any catalog change invalidates every entry (CATALOG_CACHE).
   */
  const cachedJson = async <T>(
    reply: FastifyReply,
    key: string,
    schema: z.ZodType<T>,
    load: () => Promise<T>,
  ) => {
    const body = await cache.wrap(CATALOG_CACHE, `json:${key}`, async () =>
      JSON.stringify(schema.parse(await load())),
    );
    return reply.type('application/json; charset=utf-8').send(body);
  };
  // Every route with a `store` parameter refuses an unknown store (404) before answering for it.
  app.addHook('preHandler', async (req) => {
    const { store } = req.query as { store?: string };
    if (store) await catalog.requireStore(store);
  });
  const staff = app.requireRole('staff', 'admin');
  const tags = ['catalog'];
  const adminTags = ['admin: catalog'];

  app.get(
    '/categories',
    {
      schema: {
        tags,
        summary: 'The category tree with product counts (including descendants)',
        response: { 200: z.array(categoryNode) },
      },
    },
    async (_req, reply) =>
      cachedJson(reply, 'tree', z.array(categoryNode), () =>
        catalog.categories.tree({ includeInactive: false }),
      ),
  );

  app.get(
    '/categories/:slug',
    {
      schema: {
        tags,
        summary: 'A category by slug, with breadcrumb and children',
        params: z.object({ slug: z.string().max(90) }),
        response: { 200: categoryDetail, ...problemResponses(404) },
      },
    },
    async (req, reply) =>
      cachedJson(reply, `category:${req.params.slug}`, categoryDetail, () =>
        catalog.categories.bySlug(req.params.slug, { includeInactive: false }),
      ),
  );

  app.get(
    '/products',
    {
      schema: {
        tags,
        summary: 'List and search products with filters, sorting and facet counts',
        description:
          'Full-text search over name, brand, tags and description with prefix matching and typo tolerance. Facets are computed over the filtered set. With `store`, stock answers are for that dark store.',
        querystring: searchQuery,
        response: { 200: searchResponse, ...problemResponses(404, 422) },
      },
    },
    async (req, reply) => {
      const qy = req.query;
      return cachedJson(reply, `search:${JSON.stringify(qy)}`, searchResponse, async () => {
        let categoryIds: string[] | undefined;
        if (qy.category) {
          categoryIds = await catalog.categories.subtreeIds(qy.category);
          if (!categoryIds) throw notFound('Category');
        }
        return catalog.search.search({
          q: qy.q || undefined,
          categoryIds,
          minPriceCents: qy.min_price,
          maxPriceCents: qy.max_price,
          inStock: qy.in_stock,
          store: qy.store,
          featured: qy.featured,
          ratingGte: qy.rating_gte,
          tags: qy.tags,
          brands: qy.brand,
          sort: qy.sort ?? (qy.q ? 'relevance' : 'popularity'),
          page: qy.page,
          perPage: qy.per_page,
        });
      });
    },
  );

  app.get(
    '/products/suggest',
    {
      schema: {
        tags,
        summary: 'Search-as-you-type suggestions: product names and categories',
        querystring: z.object({ q: z.string().trim().min(1).max(100) }),
        response: { 200: suggestions, ...problemResponses(422) },
      },
    },
    async (req, reply) =>
      cachedJson(reply, `suggest:${req.query.q.toLowerCase()}`, suggestions, () =>
        catalog.search.suggest(req.query.q),
      ),
  );

  app.get(
    '/products/featured',
    {
      schema: {
        tags,
        summary: 'Featured products',
        querystring: limitQuery,
        response: { 200: z.array(card), ...problemResponses(404, 422) },
      },
    },
    async (req, reply) =>
      cachedJson(reply, `featured:${req.query.limit}:${req.query.store ?? ''}`, z.array(card), () =>
        catalog.featured(req.query.limit, req.query.store),
      ),
  );

  app.get(
    '/products/popular',
    {
      schema: {
        tags,
        summary: 'Popular products (views and sales ranking)',
        querystring: limitQuery,
        response: { 200: z.array(card), ...problemResponses(404, 422) },
      },
    },
    async (req, reply) =>
      cachedJson(reply, `popular:${req.query.limit}:${req.query.store ?? ''}`, z.array(card), () =>
        catalog.popular(req.query.limit, req.query.store),
      ),
  );

  app.get(
    '/products/slug/:slug',
    {
      preHandler: app.optionalAuth,
      schema: {
        tags,
        summary: 'A product by slug (active products; staff see any status)',
        params: z.object({ slug: z.string().max(90) }),
        querystring: productQuery,
        response: { 200: product, ...problemResponses(404, 422) },
      },
    },
    async (req, reply) => {
      const { store } = req.query;
      if (isStaff(req.actor)) return catalog.products.get({ slug: req.params.slug }, { staff: true, store });
      const sent = await cachedJson(reply, `product:slug:${req.params.slug}:${store ?? ''}`, product, () =>
        catalog.products.get({ slug: req.params.slug }, { staff: false, store }),
      );
      catalog.recordView({ slug: req.params.slug });
      return sent;
    },
  );

  app.get(
    '/products/:id',
    {
      preHandler: app.optionalAuth,
      schema: {
        tags,
        summary: 'A product by id (active products; staff see any status)',
        params: idParam,
        querystring: productQuery,
        response: { 200: product, ...problemResponses(404, 422) },
      },
    },
    async (req, reply) => {
      const { store } = req.query;
      if (isStaff(req.actor)) return catalog.products.get({ id: req.params.id }, { staff: true, store });
      const sent = await cachedJson(reply, `product:${req.params.id}:${store ?? ''}`, product, () =>
        catalog.products.get({ id: req.params.id }, { staff: false, store }),
      );
      catalog.recordView({ id: req.params.id });
      return sent;
    },
  );

  app.get(
    '/products/:id/related',
    {
      schema: {
        tags,
        summary: 'Related products: same category, then shared tags',
        params: idParam,
        querystring: limitQuery,
        response: { 200: z.array(card), ...problemResponses(404, 422) },
      },
    },
    async (req, reply) =>
      cachedJson(
        reply,
        `related:${req.params.id}:${req.query.limit}:${req.query.store ?? ''}`,
        z.array(card),
        async () => {
          const cards = await catalog.related(req.params.id, req.query.limit, req.query.store);
          if (!cards) throw notFound('Product');
          return cards;
        },
      ),
  );

  app.get(
    '/products/:id/bought-together',
    {
      schema: {
        tags,
        summary: 'Frequently bought together (from order history, refreshed by a job)',
        params: idParam,
        querystring: limitQuery,
        response: { 200: z.array(card), ...problemResponses(404, 422) },
      },
    },
    async (req, reply) =>
      cachedJson(
        reply,
        `fbt:${req.params.id}:${req.query.limit}:${req.query.store ?? ''}`,
        z.array(card),
        () => catalog.boughtTogether(req.params.id, req.query.limit, req.query.store),
      ),
  );

  // ---- administration ------------------------------------------------------------------

  app.get(
    '/admin/categories',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'The whole category tree, inactive included',
        security: secured,
        response: { 200: z.array(categoryNode), ...problemResponses(401, 403) },
      },
    },
    async () => catalog.categories.tree({ includeInactive: true }),
  );

  app.post(
    '/admin/categories',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Create a category (slug generated from the name unless given)',
        security: secured,
        body: categoryBody,
        response: { 201: category, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.categories.create(toCategoryInput(req.body))),
  );

  app.patch(
    '/admin/categories/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Change a category; moving it under its own descendant is refused',
        security: secured,
        params: idParam,
        body: categoryBody.partial(),
        response: { 200: category, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const input = Object.fromEntries(
        Object.entries(toCategoryInput(req.body)).filter(([, v]) => v !== undefined),
      );
      return catalog.categories.update(req.params.id, input);
    },
  );

  app.put(
    '/admin/categories/reorder',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Set the sort order of several categories at once',
        security: secured,
        body: z.strictObject({
          items: z
            .array(z.strictObject({ id: z.uuid(), sort_order: z.number().int().min(-100_000).max(100_000) }))
            .min(1)
            .max(1000),
        }),
        response: { 204: z.null(), ...problemResponses(401, 403, 422) },
      },
    },
    async (req, reply) => {
      await catalog.categories.reorder(req.body.items.map((i) => ({ id: i.id, sortOrder: i.sort_order })));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/admin/categories/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Delete an empty category',
        security: secured,
        params: idParam,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      await catalog.categories.remove(req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/products',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Create a product (with options and variants, or a single default variant)',
        security: secured,
        body: productBody,
        response: { 201: product, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await catalog.products.create(actorOf(req), toProductInput(req.body))),
  );

  app.get(
    '/admin/products',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Products in every status (drafts and archived too), most recently changed first',
        description:
          '`q` matches name, brand, slug or a variant SKU as a substring (not the storefront full-text search).',
        security: secured,
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          status: z.enum(['draft', 'active', 'archived']).optional(),
          category: z.string().max(100).optional().describe('Category id or slug; includes its descendants'),
          ...pageQuery,
        }),
        response: {
          200: pageSchema(
            card.extend({
              sku: z.string().nullable(),
              status: z.enum(['draft', 'active', 'archived']),
              updated_at: z.string(),
            }),
          ),
          ...problemResponses(401, 403, 404, 422),
        },
      },
    },
    async (req) => {
      const qy = req.query;
      let categoryIds: string[] | undefined;
      if (qy.category) {
        categoryIds = await catalog.categories.subtreeIds(qy.category);
        if (!categoryIds) throw notFound('Category');
      }
      return catalog.products.adminList({
        q: qy.q || undefined,
        status: qy.status,
        categoryIds,
        page: qy.page,
        perPage: qy.per_page,
      });
    },
  );

  app.get(
    '/admin/products/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'A product in any status',
        security: secured,
        params: idParam,
        response: { 200: product, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => catalog.products.get({ id: req.params.id }, { staff: true }),
  );

  app.patch(
    '/admin/products/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Change a product; price changes are recorded in the price history',
        security: secured,
        params: idParam,
        body: productPatch,
        response: { 200: product, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const input = Object.fromEntries(
        Object.entries(toProductInput(req.body)).filter(([, v]) => v !== undefined),
      );
      return catalog.products.update(actorOf(req), req.params.id, input);
    },
  );

  app.delete(
    '/admin/products/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Archive a product (kept for order history; hidden from the storefront)',
        security: secured,
        params: idParam,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await catalog.products.archive(req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/products/:id/variants',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: "Add a variant (its options must be values of the product's options)",
        security: secured,
        params: idParam,
        body: variantBody,
        response: { 201: product, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await catalog.products.addVariant(actorOf(req), req.params.id, toVariantInput(req.body))),
  );

  app.patch(
    '/admin/products/:id/variants/:variantId',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Change a variant: price, SKU, default, archive',
        security: secured,
        params: idParam.extend({ variantId: z.uuid() }),
        body: variantBody
          .omit({ options: true })
          .partial()
          .extend({ status: z.enum(['active', 'archived']).optional() })
          .strict(),
        response: { 200: product, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const b = req.body;
      return catalog.products.updateVariant(actorOf(req), req.params.id, req.params.variantId, {
        sku: b.sku,
        name: b.name,
        priceCents: b.price_cents,
        salePriceCents: b.sale_price_cents,
        isDefault: b.is_default,
        weightGrams: b.weight_grams,
        status: b.status,
      });
    },
  );

  // Imports may be larger than ordinary requests.
  const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;
  /** For the OpenAPI document only: parseImport reads either form and checks each row itself. */
  const importRows = z.array(z.record(z.string(), z.unknown()));
  const importBody = z.union([
    z.string().describe('text/csv: the header line, then one product per line'),
    z.object({ rows: importRows }),
    importRows,
  ]);
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/admin/products/import',
    {
      preHandler: staff,
      bodyLimit: IMPORT_BODY_LIMIT,
      validatorCompiler: skipBodyValidation,
      schema: {
        tags: adminTags,
        summary: 'Bulk create/update products by SKU from CSV or JSON, with a per-row report',
        description: `Send \`text/csv\` (header: sku,name,category,price_cents,sale_price_cents,status,brand,unit,short_description,description,is_featured,tags — tags separated by "|") or JSON \`{ "rows": [...] }\` with the same fields. Unknown SKUs create products (name, category and price_cents required); known SKUs are updated with the fields given. Valid rows are applied even when others fail. At most ${MAX_IMPORT_ROWS} rows.`,
        security: secured,
        consumes: ['text/csv', 'application/json'],
        body: importBody,
        response: {
          200: z.object({
            created: z.number().int(),
            updated: z.number().int(),
            failed: z.number().int(),
            rows: z.array(
              z.object({
                row: z.number().int(),
                sku: z.string().nullable(),
                status: z.enum(['created', 'updated', 'failed']),
                product_id: z.uuid().nullable(),
                errors: z.array(z.object({ field: z.string(), message: z.string() })),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (req) => {
      const rows = parseImport(req.body, String(req.headers['content-type'] ?? ''));
      return catalog.importProducts(actorOf(req), rows);
    },
  );

  app.get(
    '/admin/products/:id/price-history',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Every price change of the product and its variants, newest first',
        security: secured,
        params: idParam,
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              variant_id: z.uuid(),
              sku: z.string().nullable(),
              old_price_cents: z.number().int().nullable(),
              new_price_cents: z.number().int(),
              old_sale_price_cents: z.number().int().nullable(),
              new_sale_price_cents: z.number().int().nullable(),
              source: z.string(),
              changed_by: z.uuid().nullable(),
              created_at: z.string(),
            }),
          ),
          ...problemResponses(401, 403, 404, 422),
        },
      },
    },
    async (req) => catalog.products.priceHistory(req.params.id),
  );
};
