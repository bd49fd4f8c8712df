import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { problemResponses, secured } from '../../platform/http.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { cardSafeRequestHash, paymentSchema } from '../payments/index.js';
import { orderStatus } from './schema.js';
import type { OrdersService } from './service.js';

const STATUSES = orderStatus.enumValues;
const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const idParam = z.object({ id: z.uuid('Must be a UUID') });

const totals = z.object({
  subtotal_cents: z.number().int(),
  discount_cents: z.number().int(),
  tax_cents: z.number().int(),
  delivery_fee_cents: z.number().int(),
  total_cents: z.number().int(),
});
const address = z.object({
  full_name: z.string(),
  phone: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string(),
  country: z.string(),
});
const summary = {
  id: z.uuid(),
  number: z.string(),
  status: z.enum(STATUSES),
  user_id: z.uuid(),
  currency: z.string(),
  totals,
  refunded_cents: z.number().int(),
  coupon_code: z.string().nullable(),
  payment_method: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
};
const orderListItem = z.object({
  ...summary,
  item_count: z.number().int(),
  units: z.number().int(),
  preview: z.array(
    z.object({ name: z.string(), image_url: z.string().nullable(), quantity: z.number().int() }),
  ),
});
const order = z.object({
  ...summary,
  items: z.array(
    z.object({
      id: z.uuid(),
      product_id: z.uuid(),
      variant_id: z.uuid(),
      name: z.string(),
      variant_name: z.string(),
      sku: z.string(),
      image_url: z.string().nullable(),
      unit: z.string().nullable(),
      unit_price_cents: z.number().int(),
      quantity: z.number().int(),
      line_subtotal_cents: z.number().int(),
      discount_cents: z.number().int(),
      tax_cents: z.number().int(),
      line_total_cents: z.number().int(),
    }),
  ),
  payment: paymentSchema.nullable(),
  payments: z.array(paymentSchema),
  shipping_address: address,
  billing_address: address,
  note: z.string().nullable(),
  store_id: z.uuid(),
  eta_minutes: z.number().int(),
  tracking_number: z.string().nullable(),
  rider_id: z.uuid().nullable(),
  cancel_reason: z.string().nullable(),
  payment_due_at: z.string().nullable(),
  confirmed_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  disputed_at: z.string().nullable().describe('A payment dispute / chargeback was opened'),
  timeline: z.array(
    z.object({
      from: z.enum(STATUSES).nullable(),
      to: z.enum(STATUSES),
      actor_id: z.uuid().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  staff_notes: z
    .array(z.object({ id: z.uuid(), author_id: z.uuid(), body: z.string(), created_at: z.string() }))
    .optional()
    .describe('Staff only'),
});

const year = new Date().getUTCFullYear();
const checkoutBody = z.strictObject({
  shipping_address_id: z
    .uuid('Must be a UUID')
    .optional()
    .describe('Defaults to your default shipping address'),
  billing_address_id: z.uuid('Must be a UUID').optional().describe('Defaults to the shipping address'),
  payment_method: text(32).describe('An id from GET /payments/methods'),
  card: z
    .strictObject({
      number: z
        .string()
        .transform((s) => s.replace(/[\s-]/g, ''))
        .pipe(z.string().regex(/^\d{12,19}$/, '12 to 19 digits')),
      exp_month: z.number().int().min(1).max(12),
      exp_year: z
        .number()
        .int()
        .min(year - 1)
        .max(year + 30),
      cvc: z.string().regex(/^\d{3,4}$/, '3 or 4 digits'),
    })
    .optional()
    .describe('For card methods; sent to the provider, never stored'),
  payment_token: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .optional()
    .describe(
      'For Stripe (payment method id from Stripe.js) or PayPal (an approved order id) instead of a card',
    ),
  note: text(500).optional().describe('For the rider, e.g. "ring the bell"'),
});

export const ordersRoutes: FastifyPluginAsyncZod<{ orders: OrdersService }> = async (app, opts) => {
  const { orders } = opts;
  const tags = ['orders'];
  const adminTags = ['admin: orders'];
  const staff = app.requireRole('staff', 'admin');

  app.post(
    '/orders/checkout',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary:
          'Turn the cart into an order: re-prices, reserves stock, takes payment (Idempotency-Key required)',
        description:
          'Prices come from the server; anything price-like in the body is refused. The same Idempotency-Key with the same body returns the same order (200); with a different body, 422. Sold out: 409 INSUFFICIENT_STOCK. Card declined: 402.',
        security: secured,
        // Optional here so a missing key gets its own clear 400 (IDEMPOTENCY_KEY_REQUIRED) from the handler.
        headers: z.object({
          'idempotency-key': z
            .string()
            .optional()
            .describe('Required: 8–255 printable characters, one per checkout attempt'),
        }),
        body: checkoutBody,
        response: { 200: order, 201: order, ...problemResponses(400, 401, 402, 404, 409, 422, 502) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req);
      const b = req.body;
      const { order: created, replayed } = await orders.checkout(
        actorOf(req),
        {
          shippingAddressId: b.shipping_address_id,
          billingAddressId: b.billing_address_id,
          paymentMethod: b.payment_method,
          card: b.card
            ? { number: b.card.number, expMonth: b.card.exp_month, expYear: b.card.exp_year, cvc: b.card.cvc }
            : undefined,
          paymentToken: b.payment_token,
          ip: req.ip,
          note: b.note,
        },
        { key, requestHash: cardSafeRequestHash(b) },
      );
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(created);
    },
  );

  app.get(
    '/orders',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'My orders, newest first',
        security: secured,
        querystring: z.object({ status: z.enum(STATUSES).optional(), ...pageQuery }),
        response: { 200: pageSchema(orderListItem), ...problemResponses(401) },
      },
    },
    async (req) => orders.listMine(actorOf(req), { status: req.query.status }, req.query),
  );

  app.get(
    '/orders/by-number/:number',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'An order by its number (owner or staff)',
        security: secured,
        params: z.object({ number: z.string().regex(/^CW-\d{6,12}$/i, 'Like CW-100001') }),
        response: { 200: order, ...problemResponses(401, 404) },
      },
    },
    async (req) => orders.getByNumber(actorOf(req), req.params.number),
  );

  app.get(
    '/orders/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'One order with items, payment and timeline (owner or staff)',
        security: secured,
        params: idParam,
        response: { 200: order, ...problemResponses(401, 404) },
      },
    },
    async (req) => orders.get(actorOf(req), req.params.id),
  );

  app.post(
    '/orders/:id/cancel',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'Cancel before it is out for delivery: stock released, payment refunded',
        security: secured,
        params: idParam,
        body: z.strictObject({ reason: text(500) }),
        response: { 200: order, ...problemResponses(401, 404, 409, 422, 502) },
      },
    },
    async (req) => orders.cancel(actorOf(req), req.params.id, req.body.reason),
  );

  // ---- staff ------------------------------------------------------------------------------

  app.get(
    '/admin/orders',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'All orders: filter by status, customer, store and date; search number, name or phone',
        security: secured,
        querystring: z.object({
          status: z.enum(STATUSES).optional(),
          q: z.string().trim().max(100).optional(),
          user_id: z.uuid().optional(),
          store_id: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(orderListItem), ...problemResponses(401, 403) },
      },
    },
    async (req) =>
      orders.adminList(
        {
          status: req.query.status,
          q: req.query.q,
          userId: req.query.user_id,
          storeId: req.query.store_id,
          from: req.query.from ? new Date(req.query.from) : undefined,
          to: req.query.to ? new Date(req.query.to) : undefined,
        },
        req.query,
      ),
  );

  app.get(
    '/admin/orders/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'One order with staff notes',
        security: secured,
        params: idParam,
        response: { 200: order, ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => orders.get(actorOf(req), req.params.id),
  );

  app.post(
    '/admin/orders/:id/status',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Move an order along its workflow (invalid transitions: 409)',
        security: secured,
        params: idParam,
        body: z.strictObject({ status: z.enum(STATUSES), note: text(500).optional() }),
        response: { 200: order, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => orders.updateStatus(actorOf(req), req.params.id, req.body.status, req.body.note),
  );

  app.post(
    '/admin/orders/:id/notes',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Add an internal note (never shown to the customer)',
        security: secured,
        params: idParam,
        body: z.strictObject({ body: text(2000) }),
        response: { 200: order, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => orders.addNote(actorOf(req), req.params.id, req.body.body),
  );

  app.post(
    '/admin/orders/:id/fulfil',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Set the tracking number and/or rider',
        security: secured,
        params: idParam,
        body: z
          .strictObject({
            tracking_number: text(100).nullable().optional(),
            rider_id: z.uuid().optional().describe('A user with the rider role; also assigns the delivery'),
          })
          .refine((b) => b.tracking_number !== undefined || b.rider_id !== undefined, {
            message: 'Give tracking_number or rider_id',
            path: ['tracking_number'],
          }),
        response: { 200: order, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      orders.fulfil(actorOf(req), req.params.id, {
        trackingNumber: req.body.tracking_number,
        riderId: req.body.rider_id,
      }),
  );
};
