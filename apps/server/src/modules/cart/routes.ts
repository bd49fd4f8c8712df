import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unauthorized } from '../../platform/errors.js';
import { openEventStream, type EventBus } from '../../platform/events.js';
import { problemResponses, secured } from '../../platform/http.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { cartTopic, MAX_LINE_QUANTITY, requireCartOwner, type CartService } from './service.js';

// ---- schemas ------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const idParam = z.object({ id: z.uuid('Must be a UUID') });
const itemParam = z.object({ item_id: z.uuid('Must be a UUID') });
const cartToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a cart token');
const quantity = (min: number) =>
  z
    .number()
    .int('Must be a whole number')
    .min(min, `Must be at least ${min}`)
    .max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY}`);

const totals = z.object({
  subtotal_cents: z.number().int(),
  discount_cents: z.number().int(),
  tax_cents: z.number().int(),
  delivery_fee_cents: z.number().int(),
  total_cents: z.number().int(),
  currency: z.string(),
  free_delivery_threshold_cents: z.number().int(),
  amount_to_free_delivery_cents: z.number().int(),
});

const cart = z.object({
  id: z.uuid(),
  postal_code: z.string().nullable(),
  store: z
    .object({ id: z.uuid(), code: z.string(), name: z.string(), eta_minutes: z.number().int() })
    .nullable(),
  items: z.array(
    z.object({
      id: z.uuid(),
      variant_id: z.uuid(),
      product_id: z.uuid().nullable(),
      product_slug: z.string().nullable(),
      name: z.string(),
      variant_name: z.string().nullable(),
      sku: z.string().nullable(),
      image_url: z.string().nullable(),
      unit: z.string().nullable(),
      unit_price_cents: z.number().int(),
      compare_at_price_cents: z.number().int().nullable(),
      quantity: z.number().int(),
      line_subtotal_cents: z.number().int(),
      available: z.number().int(),
      warning: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  coupon: z
    .object({
      code: z.string(),
      description: z.string().nullable(),
      discount_cents: z.number().int(),
      problem: z.string().nullable().describe('Why the coupon does not apply now (then discount is 0)'),
    })
    .nullable(),
  totals,
  item_count: z.number().int(),
  quantity: z.number().int(),
  updated_at: z.string(),
});

const coupon = z.object({
  id: z.uuid(),
  code: z.string(),
  description: z.string().nullable(),
  kind: z.enum(['percent', 'fixed']),
  value: z.number().int(),
  min_subtotal_cents: z.number().int(),
  max_discount_cents: z.number().int().nullable(),
  starts_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  usage_limit: z.number().int().nullable(),
  per_user_limit: z.number().int().nullable(),
  times_used: z.number().int(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

const cents = z.number().int('Must be a whole number of minor units').min(0).max(100_000_000);
const couponBody = z.strictObject({
  code: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, "_" and "-"'),
  description: text(200).nullable().optional(),
  kind: z.enum(['percent', 'fixed']),
  value: z.number().int('Must be a whole number').min(1).max(100_000_000),
  min_subtotal_cents: cents.optional(),
  max_discount_cents: cents.nullable().optional(),
  starts_at: z.iso.datetime({ offset: true }).nullable().optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  usage_limit: z.number().int().min(1).max(100_000_000).nullable().optional(),
  per_user_limit: z.number().int().min(1).max(100_000).nullable().optional(),
  is_active: z.boolean().optional(),
});
const percentAtMost100 = (b: { kind?: string; value?: number }) =>
  b.kind !== 'percent' || (b.value ?? 0) <= 100;
type CouponBody = z.infer<typeof couponBody>;
const date = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);
const toCouponInput = (b: Partial<CouponBody>) =>
  Object.fromEntries(
    Object.entries({
      code: b.code,
      description: b.description,
      kind: b.kind,
      value: b.value,
      minSubtotalCents: b.min_subtotal_cents,
      maxDiscountCents: b.max_discount_cents,
      startsAt: date(b.starts_at),
      expiresAt: date(b.expires_at),
      usageLimit: b.usage_limit,
      perUserLimit: b.per_user_limit,
      isActive: b.is_active,
    }).filter(([, v]) => v !== undefined),
  );

const taxRate = z.object({
  id: z.uuid(),
  country: z.string(),
  category_id: z.uuid().nullable(),
  name: z.string(),
  rate_bp: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
const taxRateBody = z.strictObject({
  country: z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 code'),
  category_id: z.uuid().nullable().optional(),
  name: text(100),
  rate_bp: z.number().int('Whole basis points').min(0).max(10_000),
});
const toTaxInput = (b: Partial<z.infer<typeof taxRateBody>>) =>
  Object.fromEntries(
    Object.entries({ country: b.country, categoryId: b.category_id, name: b.name, rateBp: b.rate_bp }).filter(
      ([, v]) => v !== undefined,
    ),
  );

// ---- routes -------------------------------------------------------------------------------

export const cartRoutes: FastifyPluginAsyncZod<{ cart: CartService; events: EventBus }> = async (
  app,
  opts,
) => {
  const { cart: carts, events } = opts;
  const tags = ['cart'];
  const adminTags = ['admin: coupons & tax'];
  const staff = app.requireRole('staff', 'admin');
  const cartHeaders = z.object({
    'x-cart-token': cartToken.optional().describe('Guest cart token; with a bearer token, merges that cart'),
  });
  const guestDoc = { security: [{}, ...secured], headers: cartHeaders };

  const ownerOf = (req: FastifyRequest) => {
    const header = req.headers['x-cart-token'];
    return requireCartOwner(req.actor?.id, typeof header === 'string' ? header : undefined);
  };
  const opt = { preHandler: app.optionalAuth };

  app.post(
    '/cart/token',
    {
      schema: {
        tags,
        summary:
          'Start a guest cart; send the token as X-Cart-Token (it merges into your cart when you sign in)',
        response: { 201: z.object({ cart_token: z.string(), cart }) },
      },
    },
    async (_req, reply) => reply.status(201).send(await carts.createGuestCart()),
  );

  app.get(
    '/cart',
    {
      ...opt,
      schema: {
        tags,
        summary: 'The cart with prices, availability and totals',
        ...guestDoc,
        response: { 200: cart, ...problemResponses(401, 404) },
      },
    },
    async (req) => carts.get(ownerOf(req)),
  );

  app.get(
    '/cart/count',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Distinct items and total quantity (for a badge)',
        ...guestDoc,
        response: {
          200: z.object({ items: z.number().int(), quantity: z.number().int() }),
          ...problemResponses(401, 404),
        },
      },
    },
    async (req) => carts.count(ownerOf(req)),
  );

  app.post(
    '/cart/items',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Add a variant (adds to the quantity already in the cart)',
        ...guestDoc,
        body: z.strictObject({ variant_id: z.uuid('Must be a UUID'), quantity: quantity(1).default(1) }),
        response: { 200: cart, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (req) =>
      carts.addItem(ownerOf(req), { variantId: req.body.variant_id, quantity: req.body.quantity }),
  );

  app.patch(
    '/cart/items/:item_id',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Set the quantity of a line (0 removes it)',
        ...guestDoc,
        params: itemParam,
        body: z.strictObject({ quantity: quantity(0) }),
        response: { 200: cart, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (req) => carts.setQuantity(ownerOf(req), req.params.item_id, req.body.quantity),
  );

  for (const [action, by] of [
    ['increment', 1],
    ['decrement', -1],
  ] as const)
    app.post(
      `/cart/items/:item_id/${action}`,
      {
        ...opt,
        schema: {
          tags,
          summary: by > 0 ? 'One more of this line' : 'One less of this line (removes it at zero)',
          ...guestDoc,
          params: itemParam,
          response: { 200: cart, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (req) => carts.step(ownerOf(req), req.params.item_id, by),
    );

  app.delete(
    '/cart/items/:item_id',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Remove a line',
        ...guestDoc,
        params: itemParam,
        response: { 200: cart, ...problemResponses(400, 401, 404) },
      },
    },
    async (req) => carts.removeItem(ownerOf(req), req.params.item_id),
  );

  app.delete(
    '/cart',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Empty the cart (and drop its coupon)',
        ...guestDoc,
        response: { 200: cart, ...problemResponses(401, 404) },
      },
    },
    async (req) => carts.clear(ownerOf(req)),
  );

  app.put(
    '/cart/location',
    {
      ...opt,
      schema: {
        tags,
        summary:
          'Deliver to this postal code: picks the serving dark store (404 NOT_SERVICEABLE outside every area)',
        ...guestDoc,
        body: z.strictObject({ postal_code: text(20) }),
        response: { 200: cart, ...problemResponses(400, 401, 404, 422) },
      },
    },
    async (req) => carts.setLocation(ownerOf(req), req.body.postal_code),
  );

  app.post(
    '/cart/coupon',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Apply a coupon (422 naming the limit it fails)',
        ...guestDoc,
        body: z.strictObject({ code: text(64) }),
        response: { 200: cart, ...problemResponses(400, 401, 404, 422) },
      },
    },
    async (req) => carts.applyCoupon(ownerOf(req), req.body.code),
  );

  app.delete(
    '/cart/coupon',
    {
      ...opt,
      schema: {
        tags,
        summary: 'Remove the coupon',
        ...guestDoc,
        response: { 200: cart, ...problemResponses(401, 404) },
      },
    },
    async (req) => carts.removeCoupon(ownerOf(req)),
  );

  // EventSource cannot send headers: the stream takes the access token or cart token in the query.
  app.get(
    '/cart/events',
    {
      onRequest: async (req) => {
        const q = req.query as { access_token?: string };
        if (q.access_token && !req.headers.authorization)
          req.headers.authorization = `Bearer ${q.access_token}`;
      },
      preHandler: app.optionalAuth,
      schema: {
        tags,
        summary: 'Live cart (server-sent events): an event `cart` with the cart now and after every change',
        querystring: z.object({
          access_token: z.string().max(4096).optional(),
          cart_token: cartToken.optional(),
        }),
        response: { ...problemResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const owner = requireCartOwner(req.actor?.id, req.query.cart_token);
      if (!owner.userId && req.query.access_token)
        throw unauthorized('INVALID_TOKEN', 'Access token is invalid');
      const cartId = await carts.cartId(owner);
      await events.listening();
      openEventStream(events, req, reply, (send) => {
        // One queue per stream: the first sends the cart now, each change sends it again, in order.
        // Re-read every time: the view is priced for this cart, not for whoever changed it. The read
        // is shared by this cart's streams here (its owner's tabs and devices: the same view).
        const topic = cartTopic(cartId);
        let pending = Promise.resolve();
        const push = () => {
          const view = events.read(topic, 'cart', () => carts.view(cartId));
          pending = pending
            .then(async () => {
              const next = await view;
              send(next ? 'cart' : 'cart_deleted', next ?? { id: cartId });
            })
            .catch((err: unknown) => req.log.warn({ err }, 'live cart: refresh failed'));
        };
        const unsubscribe = events.subscribe(topic, push);
        push();
        return unsubscribe;
      });
    },
  );

  // ---- admin: coupons ---------------------------------------------------------------------

  app.get(
    '/admin/coupons',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Coupons, newest first',
        security: secured,
        querystring: z.object({
          q: z.string().trim().max(64).optional(),
          active: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(coupon), ...problemResponses(401, 403) },
      },
    },
    async (req) =>
      carts.coupons.admin.list(
        { q: req.query.q, active: req.query.active === undefined ? undefined : req.query.active === 'true' },
        req.query,
      ),
  );

  app.get(
    '/admin/coupons/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'One coupon',
        security: secured,
        params: idParam,
        response: { 200: coupon, ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => carts.coupons.admin.get(req.params.id),
  );

  app.post(
    '/admin/coupons',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Create a coupon (percent: value 1–100; fixed: value in minor units)',
        security: secured,
        body: couponBody.refine(percentAtMost100, {
          message: 'A percent coupon is at most 100',
          path: ['value'],
        }),
        response: { 201: coupon, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await carts.coupons.admin.create(
            toCouponInput(req.body) as Parameters<CartService['coupons']['admin']['create']>[0],
          ),
        ),
  );

  app.patch(
    '/admin/coupons/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Change a coupon',
        security: secured,
        params: idParam,
        body: couponBody.partial(),
        response: { 200: coupon, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => carts.coupons.admin.update(req.params.id, toCouponInput(req.body)),
  );

  app.delete(
    '/admin/coupons/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Delete a coupon; one that orders used is deactivated instead',
        security: secured,
        params: idParam,
        response: {
          200: z.object({ deleted: z.boolean(), deactivated: z.boolean(), code: z.string() }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (req) => carts.coupons.admin.remove(req.params.id),
  );

  // ---- admin: tax rates -------------------------------------------------------------------

  app.get(
    '/admin/tax-rates',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Tax rates (country default, and per category overrides)',
        security: secured,
        querystring: z.object({
          country: z
            .string()
            .regex(/^[A-Za-z]{2}$/)
            .optional(),
        }),
        response: { 200: z.array(taxRate), ...problemResponses(401, 403) },
      },
    },
    async (req) => carts.taxRates.list(req.query.country),
  );

  app.post(
    '/admin/tax-rates',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Add a tax rate',
        security: secured,
        body: taxRateBody,
        response: { 201: taxRate, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await carts.taxRates.create(
            toTaxInput(req.body) as Parameters<CartService['taxRates']['create']>[0],
          ),
        ),
  );

  app.patch(
    '/admin/tax-rates/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Change a tax rate',
        security: secured,
        params: idParam,
        body: taxRateBody.partial(),
        response: { 200: taxRate, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => carts.taxRates.update(req.params.id, toTaxInput(req.body)),
  );

  app.delete(
    '/admin/tax-rates/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Remove a tax rate',
        security: secured,
        params: idParam,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await carts.taxRates.remove(req.params.id);
      return reply.status(204).send(null);
    },
  );
};
