import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { problemResponses, secured } from '../../platform/http.js';
import { idempotencyKeyOf, requestHash } from '../../platform/idempotency.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import type { PaymentsService } from './service.js';

const PAYMENT_STATUSES = [
  'pending',
  'processing',
  'completed',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
const REFUND_STATUSES = ['requested', 'succeeded', 'rejected', 'failed'] as const;

export const paymentSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  order_id: z.uuid(),
  amount_cents: z.number().int(),
  currency: z.string(),
  method: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  card: z
    .object({
      brand: z.string(),
      last4: z.string(),
      exp_month: z.number().int().nullable(),
      exp_year: z.number().int().nullable(),
    })
    .nullable(),
  next_action: z.object({ type: z.string(), message: z.string(), url: z.string().optional() }).nullable(),
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  captured_cents: z.number().int(),
  refunded_cents: z.number().int(),
  disputed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
});

const refundSchema = z.object({
  id: z.uuid(),
  payment_id: z.uuid(),
  order_id: z.uuid(),
  user_id: z.uuid(),
  amount_cents: z.number().int(),
  currency: z.string(),
  status: z.enum(REFUND_STATUSES),
  reason: z.string(),
  items: z.array(z.object({ variant_id: z.uuid(), quantity: z.number().int() })),
  provider_refund_id: z.string().nullable(),
  requested_by: z.uuid().nullable(),
  reviewed_by: z.uuid().nullable(),
  review_note: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const riskSchema = z.object({
  id: z.uuid(),
  order_id: z.uuid(),
  user_id: z.uuid(),
  ip: z.string().nullable(),
  amount_cents: z.number().int(),
  score: z.number().int(),
  reasons: z.array(z.object({ rule: z.string(), points: z.number().int(), detail: z.string() })),
  decision: z.enum(['pass', 'review', 'approved', 'rejected']),
  payment_failed: z.boolean(),
  reviewed_by: z.uuid().nullable(),
  reviewed_at: z.string().nullable(),
  review_note: z.string().nullable(),
  created_at: z.string(),
});

const year = new Date().getUTCFullYear();
const cardSchema = z.strictObject({
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
});

const idParam = z.object({ id: z.uuid('Must be a UUID') });
const orderParam = z.object({ order_id: z.uuid('Must be a UUID') });
const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const amount = z.number().int('Whole minor units').positive().max(100_000_000);
const returnItems = z
  .array(z.strictObject({ variant_id: z.uuid(), quantity: z.number().int().positive().max(10_000) }))
  .max(200)
  .optional()
  .describe('Items coming back: their stock is returned when the refund is paid out');

/**
 * A payment request's identity for Idempotency-Key matching. A card counts only by what a receipt
 * shows: no PAN is kept anywhere, not even hashed.
 */
export function cardSafeRequestHash(body: {
  card?: { number: string; exp_month: number; exp_year: number };
}) {
  const { card } = body;
  return requestHash({
    ...body,
    card: card ? { last4: card.number.slice(-4), exp: [card.exp_month, card.exp_year] } : undefined,
  });
}

/** A date or date-time in a query string (ISO 8601), read as a Date. */
const dateQuery = z.string().pipe(z.coerce.date());

export const paymentsRoutes: FastifyPluginAsyncZod<{ payments: PaymentsService }> = async (app, opts) => {
  const { payments } = opts;
  const tags = ['payments'];
  const adminTags = ['admin: payments'];
  const staff = app.requireRole('staff', 'admin');

  app.get(
    '/payments/methods',
    {
      schema: {
        tags,
        summary: 'Enabled payment methods with the client configuration each needs',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              requires_card: z.boolean(),
              accepts_token: z.boolean(),
              config: z
                .looseObject({
                  test_mode: z.boolean().optional(),
                  test_cards: z.array(z.object({ number: z.string(), outcome: z.string() })).optional(),
                })
                .describe("The provider's client settings; the sandbox lists its test cards"),
            }),
          ),
        },
      },
    },
    async () => payments.methods(),
  );

  app.post(
    '/payments/process',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary:
          'Pay (or pay again after a failure) for one of my orders waiting for payment (Idempotency-Key required)',
        description:
          'The amount is always the order total. A declined attempt is recorded (402, the payment id in `errors`) and the order stays payable; a provider failure is 502 with the same. Already paid: 409.',
        security: secured,
        headers: z.object({
          'idempotency-key': z.string().optional().describe('Required: one per payment attempt'),
        }),
        body: z.strictObject({
          order_id: z.uuid('Must be a UUID'),
          payment_method: text(32).describe('An id from GET /payments/methods'),
          card: cardSchema.optional().describe('For card methods; sent to the provider, never stored'),
          payment_token: z
            .string()
            .trim()
            .min(1)
            .max(255)
            .optional()
            .describe('Stripe payment method id or approved PayPal order id'),
        }),
        response: {
          200: paymentSchema,
          201: paymentSchema,
          ...problemResponses(400, 401, 402, 404, 409, 422, 502),
        },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req);
      const b = req.body;
      const { payment, replayed } = await payments.process(
        actorOf(req),
        {
          orderId: b.order_id,
          method: b.payment_method,
          card: b.card
            ? { number: b.card.number, expMonth: b.card.exp_month, expYear: b.card.exp_year, cvc: b.card.cvc }
            : undefined,
          token: b.payment_token,
          ip: req.ip,
        },
        { key, requestHash: cardSafeRequestHash(b) },
      );
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(payment);
    },
  );

  app.get(
    '/payments/refunds',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'My refunds and refund requests, newest first',
        security: secured,
        querystring: z.object({ order_id: z.uuid().optional() }),
        response: { 200: z.array(refundSchema), ...problemResponses(401) },
      },
    },
    async (req) => payments.myRefunds(actorOf(req), req.query.order_id),
  );

  app.post(
    '/payments/refunds',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'Ask for a refund on my paid order; staff approve or reject it',
        security: secured,
        body: z.strictObject({
          order_id: z.uuid('Must be a UUID'),
          amount_cents: amount.optional().describe('Defaults to everything still refundable'),
          reason: text(1000),
          items: returnItems,
        }),
        response: { 201: refundSchema, ...problemResponses(401, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const refund = await payments.requestRefund(actorOf(req), {
        orderId: b.order_id,
        amountCents: b.amount_cents,
        reason: b.reason,
        items: b.items,
      });
      return reply.status(201).send(refund);
    },
  );

  app.get(
    '/payments/order/:order_id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: "An order's payments, newest first (owner or staff)",
        security: secured,
        params: orderParam,
        response: { 200: z.array(paymentSchema), ...problemResponses(401, 404) },
      },
    },
    async (req) => payments.listForOrder(actorOf(req), req.params.order_id),
  );

  app.get(
    '/payments/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'One payment (owner or staff)',
        security: secured,
        params: idParam,
        response: { 200: paymentSchema, ...problemResponses(401, 404) },
      },
    },
    async (req) => payments.get(actorOf(req), req.params.id),
  );

  app.post(
    '/payments/:id/confirm',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: 'Complete a payment waiting on the shopper (next_action: authenticate or PayPal approval)',
        security: secured,
        params: idParam,
        response: { 200: paymentSchema, ...problemResponses(401, 404, 409, 502) },
      },
    },
    async (req) => payments.confirm(actorOf(req), req.params.id),
  );

  // Webhooks need the exact bytes the provider signed: this scope keeps bodies raw.
  await app.register(async (raw) => {
    const scope = raw.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(
      '/payments/webhooks/:provider',
      {
        schema: {
          tags,
          summary: "A payment provider's signed event (sandbox, stripe, paypal)",
          description:
            'The signature is checked over the raw body (400 when it does not match; nothing changes). Each event id is stored once and processed by a job; a replay answers 200 with duplicate: true.',
          params: z.object({ provider: z.string().regex(/^[a-z]{2,20}$/, 'A provider id') }),
          response: {
            200: z.object({ received: z.boolean(), duplicate: z.boolean() }),
            ...problemResponses(400, 404, 502),
          },
        },
      },
      async (req) =>
        payments.receiveWebhook(
          req.params.provider,
          Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          req.headers,
        ),
    );
  });

  // ---- staff -------------------------------------------------------------------------------------

  app.get(
    '/admin/payments',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'All payments with filters, newest first',
        security: secured,
        querystring: z.object({
          status: z.enum(PAYMENT_STATUSES).optional(),
          method: z.string().max(32).optional(),
          order_id: z.uuid().optional(),
          user_id: z.uuid().optional(),
          disputed: z.enum(['true', 'false']).optional(),
          from: dateQuery.optional(),
          to: dateQuery.optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(paymentSchema), ...problemResponses(401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      return payments.adminList(
        {
          status: q.status,
          method: q.method,
          orderId: q.order_id,
          userId: q.user_id,
          disputed: q.disputed === undefined ? undefined : q.disputed === 'true',
          from: q.from,
          to: q.to,
        },
        q,
      );
    },
  );

  app.get(
    '/admin/payments/analytics',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Payment volume, success rate by method, refunds and daily revenue for a date range',
        description: '`from` (inclusive) and `to` (exclusive) default to the last 30 days; at most 366 days.',
        security: secured,
        querystring: z
          .object({ from: dateQuery.optional(), to: dateQuery.optional() })
          .refine((q) => !q.from || !q.to || q.from < q.to, {
            message: 'from must be before to',
            path: ['from'],
          })
          .refine((q) => !q.from || !q.to || q.to.getTime() - q.from.getTime() <= 366 * 86_400_000, {
            message: 'at most 366 days',
            path: ['to'],
          }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            volume_cents: z.number().int(),
            payments: z.number().int(),
            success_rate: z.number().nullable(),
            by_status: z.array(
              z.object({
                method: z.string(),
                status: z.string(),
                count: z.number().int(),
                amount_cents: z.number().int(),
              }),
            ),
            by_method: z.array(
              z.object({
                method: z.string(),
                attempts: z.number().int(),
                succeeded: z.number().int(),
                failed: z.number().int(),
                volume_cents: z.number().int(),
                success_rate: z.number().nullable(),
              }),
            ),
            refunds: z.object({
              count: z.number().int(),
              amount_cents: z.number().int(),
              pending_requests: z.number().int(),
            }),
            daily: z.array(
              z.object({
                day: z.string(),
                revenue_cents: z.number().int(),
                refunds_cents: z.number().int(),
                net_cents: z.number().int(),
                payments: z.number().int(),
              }),
            ),
          }),
          ...problemResponses(401, 403, 422),
        },
      },
    },
    async (req) => {
      const to = req.query.to ?? new Date();
      const from = req.query.from ?? new Date(to.getTime() - 30 * 86_400_000);
      return payments.analytics({ from, to });
    },
  );

  app.post(
    '/admin/payments/:id/refund',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Refund a payment in full or in part through the provider that took it',
        description: 'Refunds never exceed the captured amount (422). Returned items go back into stock.',
        security: secured,
        params: idParam,
        body: z.strictObject({
          amount_cents: amount.optional().describe('Defaults to everything still refundable'),
          reason: text(1000),
          items: returnItems,
        }),
        response: {
          201: z.object({ refund: refundSchema, payment: paymentSchema }),
          ...problemResponses(401, 403, 404, 409, 422, 502),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const out = await payments.refundPayment(actorOf(req), req.params.id, {
        amountCents: b.amount_cents,
        reason: b.reason,
        items: b.items,
      });
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/admin/refunds',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Refunds and refund requests (status=requested: waiting for staff)',
        security: secured,
        querystring: z.object({
          status: z.enum(REFUND_STATUSES).optional(),
          order_id: z.uuid().optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(refundSchema), ...problemResponses(401, 403) },
      },
    },
    async (req) => payments.listRefunds({ status: req.query.status, orderId: req.query.order_id }, req.query),
  );

  app.post(
    '/admin/refunds/:id/approve',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: "Approve a customer's refund request: the money goes back through the provider now",
        security: secured,
        params: idParam,
        body: z.strictObject({
          amount_cents: amount.optional().describe('Defaults to the requested amount'),
          note: text(1000).optional(),
        }),
        response: { 200: refundSchema, ...problemResponses(401, 403, 404, 409, 422, 502) },
      },
    },
    async (req) =>
      payments.approveRefund(actorOf(req), req.params.id, {
        amountCents: req.body.amount_cents,
        note: req.body.note,
      }),
  );

  app.post(
    '/admin/refunds/:id/reject',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: "Reject a customer's refund request",
        security: secured,
        params: idParam,
        body: z.strictObject({ note: text(1000) }),
        response: { 200: refundSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (req) => payments.rejectRefund(actorOf(req), req.params.id, req.body.note),
  );

  app.get(
    '/admin/payments/reviews',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Orders held by fraud scoring, highest score first',
        security: secured,
        querystring: z.object(pageQuery),
        response: { 200: pageSchema(riskSchema), ...problemResponses(401, 403) },
      },
    },
    async (req) => payments.reviewQueue(req.query),
  );

  app.get(
    '/admin/payments/reviews/:order_id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: "An order's risk checks (score and reasons per payment attempt), newest first",
        security: secured,
        params: orderParam,
        response: { 200: z.array(riskSchema), ...problemResponses(401, 403) },
      },
    },
    async (req) => payments.riskForOrder(req.params.order_id),
  );

  for (const [action, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const)
    app.post(
      `/admin/payments/reviews/:order_id/${action}`,
      {
        preHandler: staff,
        schema: {
          tags: adminTags,
          summary:
            action === 'approve'
              ? 'Approve a held order: the payment is captured and the order confirmed'
              : 'Reject a held order: it is cancelled, stock released, the payment voided or refunded',
          security: secured,
          params: orderParam,
          body: z.strictObject({ note: text(1000).optional() }).optional(),
          response: { 200: riskSchema, ...problemResponses(401, 403, 404, 409, 502) },
        },
      },
      async (req) => payments.decideReview(actorOf(req), req.params.order_id, decision, req.body?.note),
    );
};
