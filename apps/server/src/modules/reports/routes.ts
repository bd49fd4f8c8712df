import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { problemResponses, secured } from '../../platform/http.js';
import type { ReportsService } from './service.js';

const day = z.iso.date('Expected a date (YYYY-MM-DD)');
const money = z.number().int().describe('Minor units');

const daySchema = z.object({
  day: z.string(),
  orders: z.number().int(),
  revenue_cents: money,
  average_order_cents: money,
  units: z.number().int(),
  top_products: z.array(
    z.object({ product_id: z.string(), name: z.string(), units: z.number().int(), revenue_cents: money }),
  ),
  by_category: z.array(
    z.object({
      category_id: z.string().nullable(),
      name: z.string(),
      units: z.number().int(),
      revenue_cents: money,
    }),
  ),
  by_payment_method: z.array(
    z.object({ method: z.string(), orders: z.number().int(), revenue_cents: money }),
  ),
  computed_at: z.string(),
  partial: z.boolean().describe('Today: computed live, still changing'),
});

export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService }> = async (app, { reports }) => {
  app.get(
    '/reports/sales',
    {
      preHandler: app.requireRole('staff', 'admin'),
      schema: {
        tags: ['reports'],
        summary:
          'Daily sales series for charts (orders, revenue, AOV, units, top products, by category and method)',
        description:
          'Days are UTC. Stored days are read; missing past days are computed now (up to 62, the rest are listed in `missing`: run reports__daily_sales for them); today is live and `partial`.',
        security: secured,
        querystring: z.object({ from: day, to: day }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            days: z.array(daySchema),
            totals: z.object({
              orders: z.number().int(),
              revenue_cents: money,
              average_order_cents: money,
              units: z.number().int(),
            }),
            computed_now: z
              .array(z.string())
              .describe('Days that had no stored report and were computed now'),
            missing: z.array(z.string()).describe('Days still without a report'),
          }),
          ...problemResponses(401, 403, 422),
        },
      },
    },
    async (req) => reports.salesSeries(req.query.from, req.query.to),
  );

  app.get(
    '/exports/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['reports'],
        summary: 'A short-lived download link for an export I started (job reports__export)',
        security: secured,
        params: z.object({ id: z.uuid('Must be a UUID') }),
        response: {
          200: z.object({
            job_id: z.uuid(),
            filename: z.string(),
            rows: z.number().int(),
            bytes: z.number().int(),
            file_expires_at: z.string(),
            link_expires_at: z.string(),
            download_url: z.string().describe('Works without a token until link_expires_at'),
          }),
          ...problemResponses(401, 404, 409, 410, 422),
        },
      },
    },
    async (req) => reports.downloadLink(actorOf(req), req.params.id),
  );

  app.get(
    '/exports/:id/download',
    {
      schema: {
        tags: ['reports'],
        summary: 'Download an export file with a signed link (from GET /exports/{id})',
        params: z.object({ id: z.uuid('Must be a UUID') }),
        querystring: z.object({
          expires: z.coerce
            .number()
            .int()
            .min(0)
            .max(2 ** 40),
          signature: z.string().min(1).max(200),
        }),
        response: {
          200: z.unknown().describe('The file (CSV or JSON)'),
          ...problemResponses(403, 404, 410, 422),
        },
      },
    },
    async (req, reply) => {
      const { stream, result } = await reports.openDownload(
        req.params.id,
        req.query.expires,
        req.query.signature,
      );
      return reply
        .type(result.content_type)
        .header('content-disposition', `attachment; filename="${result.filename}"`)
        .header('content-length', result.bytes)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
};
