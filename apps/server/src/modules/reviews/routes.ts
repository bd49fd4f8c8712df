import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { problemResponses, secured } from '../../platform/http.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { MODERATION_ACTIONS, REVIEW_SORTS, REVIEW_STATUSES, type ReviewsService } from './service.js';

const review = z.object({
  id: z.uuid(),
  product_id: z.uuid(),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  comment: z.string(),
  author_name: z.string().describe('First name and last initial, or "Customer"'),
  verified_purchase: z.boolean(),
  helpful_count: z.number().int(),
  unhelpful_count: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

const publicReview = review.extend({
  my_vote: z
    .enum(['helpful', 'unhelpful'])
    .nullable()
    .optional()
    .describe("The caller's vote; present only when signed in"),
});

const ownReview = review.extend({
  status: z.enum(REVIEW_STATUSES),
  product: z
    .object({ id: z.uuid(), name: z.string(), slug: z.string() })
    .nullable()
    .describe('null when the product no longer exists'),
});

const adminReview = ownReview.extend({
  user_id: z.uuid(),
  moderation_note: z.string().nullable().describe('Internal; never shown to the reviewer'),
  moderated_by: z.uuid().nullable(),
  moderated_at: z.string().nullable(),
});

const distribution = z.object({
  '1': z.number().int(),
  '2': z.number().int(),
  '3': z.number().int(),
  '4': z.number().int(),
  '5': z.number().int(),
});

const summary = z
  .object({ average: z.number(), count: z.number().int(), distribution })
  .describe('Over approved reviews only');

const rating = z.number().int('Must be a whole number from 1 to 5').min(1).max(5);
const title = z.string().trim().min(1, 'Required').max(120);
const comment = z.string().trim().min(1, 'Required').max(5000);

const idParam = z.object({ id: z.uuid('Must be a UUID') });
const productParam = z.object({ productId: z.uuid('Must be a UUID') });

export const reviewsRoutes: FastifyPluginAsyncZod<{ reviews: ReviewsService }> = async (app, { reviews }) => {
  // ---- shoppers ----------------------------------------------------------------------------

  app.get(
    '/products/:productId/reviews',
    {
      preHandler: app.optionalAuth,
      schema: {
        tags: ['reviews'],
        summary: "A product's published reviews with its average rating and 1–5 distribution",
        params: productParam,
        querystring: z.object({ sort: z.enum(REVIEW_SORTS).default('newest'), ...pageQuery }),
        response: {
          200: pageSchema(publicReview).extend({ summary }),
          ...problemResponses(401, 404, 422),
        },
      },
    },
    async (req) => {
      const { sort, page, per_page } = req.query;
      return reviews.listForProduct(req.actor, req.params.productId, { sort, page: { page, per_page } });
    },
  );

  app.post(
    '/products/:productId/reviews',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reviews'],
        summary: 'Review a product (one review per product; published after moderation)',
        security: secured,
        params: productParam,
        body: z.strictObject({ rating, title, comment }),
        response: { 201: ownReview, ...problemResponses(401, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const created = await reviews.create(actorOf(req), req.params.productId, req.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/me/reviews',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reviews'],
        summary: 'My reviews, any moderation status, newest first',
        security: secured,
        querystring: z.object(pageQuery),
        response: { 200: pageSchema(ownReview), ...problemResponses(401, 422) },
      },
    },
    async (req) => reviews.listMine(actorOf(req), req.query),
  );

  app.patch(
    '/reviews/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reviews'],
        summary: 'Edit my review (it goes back to moderation)',
        security: secured,
        params: idParam,
        body: z
          .strictObject({ rating: rating.optional(), title: title.optional(), comment: comment.optional() })
          .refine((b) => Object.keys(b).length > 0, 'Send at least one of rating, title, comment'),
        response: { 200: ownReview, ...problemResponses(401, 404, 422) },
      },
    },
    async (req) => reviews.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/reviews/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reviews'],
        summary: 'Delete my review (I may review the product again afterwards)',
        security: secured,
        params: idParam,
        response: { 204: z.null(), ...problemResponses(401, 404, 422) },
      },
    },
    async (req, reply) => {
      await reviews.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/reviews/:id/vote',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reviews'],
        summary: 'Vote a published review helpful or unhelpful (one vote each, changeable)',
        security: secured,
        params: idParam,
        body: z.strictObject({ helpful: z.boolean() }),
        response: { 200: publicReview, ...problemResponses(401, 404, 422) },
      },
    },
    async (req) => reviews.vote(actorOf(req), req.params.id, req.body.helpful),
  );

  app.delete(
    '/reviews/:id/vote',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reviews'],
        summary: 'Withdraw my vote on a review',
        security: secured,
        params: idParam,
        response: { 204: z.null(), ...problemResponses(401, 404, 422) },
      },
    },
    async (req, reply) => {
      await reviews.unvote(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- moderation --------------------------------------------------------------------------

  const staff = app.requireRole('staff', 'admin');

  app.get(
    '/admin/reviews',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: reviews'],
        summary: 'The moderation queue: pending oldest first; other statuses newest first',
        security: secured,
        querystring: z.object({
          status: z.enum(REVIEW_STATUSES).optional(),
          product_id: z.uuid('Must be a UUID').optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(adminReview), ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      const { status, product_id, page, per_page } = req.query;
      return reviews.listForModeration(actorOf(req), {
        status,
        productId: product_id,
        page: { page, per_page },
      });
    },
  );

  app.get(
    '/admin/reviews/statistics',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: reviews'],
        summary: 'Review counts by status, average rating, recent volume, most reviewed products',
        security: secured,
        response: {
          200: z.object({
            counts: z.object({
              pending: z.number().int(),
              approved: z.number().int(),
              rejected: z.number().int(),
              hidden: z.number().int(),
              total: z.number().int(),
            }),
            average_rating: z.number().nullable().describe('Over approved reviews; null when there are none'),
            last_7_days: z.number().int(),
            last_30_days: z.number().int(),
            top_products: z.array(
              z.object({
                product_id: z.uuid(),
                approved_reviews: z.number().int(),
                average_rating: z.number(),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (req) => reviews.statistics(actorOf(req)),
  );

  app.post(
    '/admin/reviews/:id/moderate',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: reviews'],
        summary: 'Approve, reject or hide a review, with an internal note; the reviewer is emailed',
        security: secured,
        params: idParam,
        body: z.strictObject({
          action: z.enum(MODERATION_ACTIONS),
          note: z.string().trim().max(1000).optional(),
        }),
        response: { 200: adminReview, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => reviews.moderate(actorOf(req), req.params.id, req.body.action, req.body.note || undefined),
  );
};
