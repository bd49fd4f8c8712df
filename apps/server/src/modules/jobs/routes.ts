import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { problemResponses, secured } from '../../platform/http.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { jobStatus } from '../../platform/schema.js';
import type { JobsService } from './service.js';

const STATUSES = jobStatus.enumValues;
const idParam = z.object({ id: z.uuid('Must be a UUID') });
const userTags = ['jobs'];
const adminTags = ['jobs (admin)'];

export const jobSchema = z.object({
  id: z.uuid(),
  type: z.string().describe('<module>__<action>'),
  title: z.string(),
  status: z.enum(STATUSES),
  params: z.record(z.string(), z.unknown()),
  result: z.unknown().describe('What the job returned, once completed'),
  progress: z.number().int().describe('0–100'),
  progress_message: z.string().nullable(),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  next_retry_at: z.string().nullable().describe('When a retrying job runs again (exponential back-off)'),
  error: z.string().nullable(),
  priority: z.number().int(),
  scheduled_at: z.string(),
  user_id: z.uuid().nullable().describe('Who started it; null for system and scheduled jobs'),
  entity: z.object({ type: z.string(), id: z.string() }).nullable(),
  worker_name: z.string().nullable(),
  queue: z.string().nullable(),
  cancel_requested: z.boolean().describe('Running, asked to stop: it stops at its next progress update'),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  updated_at: z.string(),
  duration_ms: z.number().int().nullable(),
});

const startBody = z.strictObject({
  type: z.string().trim().min(1, 'Required').max(100),
  params: z.record(z.string(), z.unknown()).optional(),
});
const typesSchema = z.array(
  z.object({ type: z.string(), audience: z.enum(['user', 'admin']), summary: z.string() }),
);

/** `2026-01-31` (start of that UTC day) or a full ISO timestamp. */
const instant = z
  .string()
  .trim()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)),
    {
      message: 'Expected a date (YYYY-MM-DD) or an ISO 8601 timestamp',
    },
  )
  .transform((v) => new Date(v));

const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
/** The /jobs routes are the owner's view, for admins too: their admin powers live under /admin/jobs. */
const asUser = (req: FastifyRequest) => ({ ...actorOf(req), role: 'customer' as const });

export const jobsRoutes: FastifyPluginAsyncZod<{ jobs: JobsService }> = async (app, { jobs }) => {
  // ---- my jobs ----

  app.get(
    '/jobs',
    {
      preHandler: app.authenticate,
      schema: {
        tags: userTags,
        summary: 'My jobs, newest first',
        security: secured,
        querystring: z.object({
          status: z.enum(STATUSES).optional(),
          type: z.string().max(100).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(jobSchema), ...problemResponses(401, 422) },
      },
    },
    async (req) => {
      const { status, type, page, per_page } = req.query;
      return jobs.listMine(actorOf(req), { status, type }, { page, per_page });
    },
  );

  app.get(
    '/jobs/types',
    {
      preHandler: app.authenticate,
      schema: {
        tags: userTags,
        summary: 'Job types I may start with POST /jobs',
        security: secured,
        response: { 200: typesSchema, ...problemResponses(401) },
      },
    },
    async (req) => jobs.startableTypes(asUser(req)),
  );

  app.post(
    '/jobs',
    {
      preHandler: app.authenticate,
      schema: {
        tags: userTags,
        summary: 'Start a job meant for users (e.g. identity__export_data)',
        security: secured,
        body: startBody,
        response: { 202: jobSchema, ...problemResponses(401, 422) },
      },
    },
    async (req, reply) => {
      const job = await jobs.start(asUser(req), req.body.type, req.body.params, meta(req));
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/jobs/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: userTags,
        summary: 'One of my jobs, with progress while it runs',
        security: secured,
        params: idParam,
        response: { 200: jobSchema, ...problemResponses(401, 404, 422) },
      },
    },
    async (req) => jobs.get(asUser(req), req.params.id),
  );

  app.post(
    '/jobs/:id/cancel',
    {
      preHandler: app.authenticate,
      schema: {
        tags: userTags,
        summary: 'Cancel my job: 200 when cancelled, 202 when a running job was asked to stop',
        security: secured,
        params: idParam,
        response: { 200: jobSchema, 202: jobSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { job, immediate } = await jobs.cancel(asUser(req), req.params.id);
      return reply.status(immediate ? 200 : 202).send(job);
    },
  );

  app.post(
    '/jobs/:id/retry',
    {
      preHandler: app.authenticate,
      schema: {
        tags: userTags,
        summary: 'Run my failed or cancelled job again',
        security: secured,
        params: idParam,
        response: { 202: jobSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(202).send(await jobs.retry(asUser(req), req.params.id)),
  );

  // ---- admin ----

  const admin = app.requireRole('admin');

  app.get(
    '/admin/jobs',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'All jobs, newest first; filter by status, type, user and creation time',
        security: secured,
        querystring: z.object({
          status: z.enum(STATUSES).optional(),
          type: z.string().max(100).optional(),
          user_id: z.uuid('Must be a UUID').optional(),
          from: instant.optional().describe('Created at or after (YYYY-MM-DD or ISO timestamp)'),
          to: instant.optional().describe('Created before'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(jobSchema), ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      const { status, type, user_id, from, to, page, per_page } = req.query;
      return jobs.listAll({ status, type, userId: user_id, from, to }, { page, per_page });
    },
  );

  app.get(
    '/admin/jobs/stats',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Per type: counts by status, success/failure rates, average duration, queue depth',
        description: 'Over jobs created in [from, to); the last 7 days by default.',
        security: secured,
        querystring: z.object({ from: instant.optional(), to: instant.optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            totals: z.object({
              total: z.number().int(),
              completed: z.number().int(),
              failed: z.number().int(),
              success_rate: z.number().nullable(),
              failure_rate: z.number().nullable(),
            }),
            types: z.array(
              z.object({
                type: z.string(),
                total: z.number().int(),
                by_status: z.record(z.enum(STATUSES), z.number().int()),
                success_rate: z.number().nullable().describe('completed / (completed + failed)'),
                failure_rate: z.number().nullable(),
                avg_duration_ms: z.number().nullable(),
                max_duration_ms: z.number().nullable(),
                queue_depth: z.object({
                  ready: z.number().int().describe('Waiting for a free worker'),
                  scheduled: z.number().int().describe('Due later (incl. retries in back-off)'),
                  locked: z.number().int().describe('Held by a worker'),
                }),
              }),
            ),
          }),
          ...problemResponses(401, 403, 422),
        },
      },
    },
    async (req) => jobs.stats(req.query),
  );

  app.get(
    '/admin/jobs/queue',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Queue status: workers (alive = heartbeat in the last 30 s) and what the queue holds',
        security: secured,
        response: {
          200: z.object({
            workers: z.array(
              z.object({
                worker_id: z.string(),
                hostname: z.string(),
                pid: z.number().int(),
                concurrency: z.number().int(),
                started_at: z.string(),
                last_seen_at: z.string(),
                alive: z.boolean(),
                running_jobs: z.number().int(),
              }),
            ),
            workers_alive: z.number().int(),
            queue: z.object({
              ready: z.number().int(),
              scheduled: z.number().int(),
              locked: z.number().int(),
              permanently_failed: z.number().int(),
              oldest_ready_at: z.string().nullable(),
            }),
            named_queues: z.array(
              z.object({ queue_name: z.string(), waiting: z.number().int(), locked: z.boolean() }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => jobs.queueStatus(),
  );

  app.get(
    '/admin/jobs/types',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Job types an admin may start with POST /admin/jobs',
        security: secured,
        response: { 200: typesSchema, ...problemResponses(401, 403) },
      },
    },
    async (req) => jobs.startableTypes(actorOf(req)),
  );

  app.post(
    '/admin/jobs',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Start any startable job type (analytics report, export, inventory sync, cleanup…)',
        security: secured,
        body: startBody,
        response: { 202: jobSchema, ...problemResponses(401, 403, 422) },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await jobs.start(actorOf(req), req.body.type, req.body.params, meta(req))),
  );

  app.post(
    '/admin/jobs/cleanup',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Delete completed and cancelled jobs older than N days now (failed ones are kept)',
        security: secured,
        body: z.strictObject({ older_than_days: z.number().int().min(1).max(3650) }),
        response: {
          200: z.object({ deleted: z.number().int(), older_than_days: z.number().int() }),
          ...problemResponses(401, 403, 422),
        },
      },
    },
    async (req) => jobs.cleanup(req.body.older_than_days),
  );

  app.post(
    '/admin/jobs/reclaim',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Release jobs held by workers whose heartbeat stopped over a minute ago',
        security: secured,
        response: {
          200: z.object({ workers: z.array(z.string()), jobs: z.number().int() }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => jobs.reclaimDeadWorkers(),
  );

  app.get(
    '/admin/jobs/:id',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Any job',
        security: secured,
        params: idParam,
        response: { 200: jobSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => jobs.get(actorOf(req), req.params.id),
  );

  app.post(
    '/admin/jobs/:id/cancel',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Cancel any job: 200 when cancelled, 202 when a running job was asked to stop',
        security: secured,
        params: idParam,
        response: { 200: jobSchema, 202: jobSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { job, immediate } = await jobs.cancel(actorOf(req), req.params.id);
      return reply.status(immediate ? 200 : 202).send(job);
    },
  );

  app.post(
    '/admin/jobs/:id/retry',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Run a failed or cancelled job again',
        security: secured,
        params: idParam,
        response: { 202: jobSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.status(202).send(await jobs.retry(actorOf(req), req.params.id)),
  );

  app.post(
    '/admin/jobs/:id/complete',
    {
      preHandler: admin,
      schema: {
        tags: adminTags,
        summary: 'Force-complete a stuck job (it leaves the queue; no further retries)',
        security: secured,
        params: idParam,
        // No body at all is fine: a note is optional.
        body: z.strictObject({ note: z.string().trim().max(500).optional() }).nullish(),
        response: { 200: jobSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => jobs.forceComplete(actorOf(req), req.params.id, req.body?.note),
  );
};
