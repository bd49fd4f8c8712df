import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../platform/errors.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { reclaimDeadWorkers, DEAD_WORKER_AFTER_MS } from '../../platform/queue.js';
import { jobs, workerHeartbeats } from '../../platform/schema.js';

/**
 * The job monitoring API (SPEC JOB-2, JOB-4) over the `jobs` table that platform/queue.ts keeps in
 * step with graphile-worker. Users see and manage their own jobs; admins see and manage all.
 */

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow['status'];

/** Request details some starters log (identity's export writes an account event). */
export type RequestMeta = { ip?: string; userAgent?: string };

/**
 * A job type that can be started through `POST /jobs` (audience `user`) or `POST /admin/jobs`
 * (admins may start every type). Each module supplies its own: the starter goes through the
 * owning module's service, so its own checks (allow-lists, limits) apply.
 */
export type JobStarter<P = unknown> = {
  type: string;
  audience: 'user' | 'admin';
  summary: string;
  params: z.ZodType<P>;
  start: (actor: Actor, params: P, meta: RequestMeta) => Promise<string>;
};

export const starter = <P>(s: JobStarter<P>) => s as unknown as JobStarter;

/** Jobs that are over: no cancel, no force-complete. */
const FINISHED: JobStatus[] = ['completed', 'failed', 'cancelled'];
/** A job a worker may still pick up: cancel removes it from the queue. */
const WAITING: JobStatus[] = ['pending', 'retrying'];
const RETRYABLE: JobStatus[] = ['failed', 'cancelled'];
/** A worker heartbeats every 10 s; one unseen for this long is shown as not alive. */
const ALIVE_WITHIN_S = 30;

export function toJob(r: JobRow) {
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    status: r.status,
    params: r.payload as Record<string, unknown>,
    result: (r.result ?? null) as unknown,
    progress: r.progress,
    progress_message: r.progressMessage,
    attempts: r.attempts,
    max_attempts: r.maxAttempts,
    next_retry_at: r.nextRetryAt?.toISOString() ?? null,
    error: r.error,
    priority: r.priority,
    scheduled_at: r.runAt.toISOString(),
    user_id: r.userId,
    entity: r.entityType && r.entityId ? { type: r.entityType, id: r.entityId } : null,
    worker_name: r.workerName,
    queue: r.queue,
    cancel_requested: r.cancelRequestedAt !== null && r.status === 'running',
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
    updated_at: r.updatedAt.toISOString(),
    duration_ms: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
  };
}
export type JobView = ReturnType<typeof toJob>;

export type JobFilter = {
  status?: JobStatus;
  type?: string;
  userId?: string;
  from?: Date;
  to?: Date;
};

export function createJobsService(deps: { db: Db; starters: JobStarter[] }) {
  const { db } = deps;
  const starters = new Map(deps.starters.map((s) => [s.type, s]));

  const isAdmin = (actor: Actor) => actor.role === 'admin';

  async function lockRow(tx: DbOrTx, actor: Actor, id: string) {
    const [row] = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
    // Someone else's job is as good as missing: its existence is not the caller's business.
    if (!row || (!isAdmin(actor) && row.userId !== actor.id)) throw notFound('Job');
    // Users manage the job types meant for them; emails and other system work are staff's.
    if (!isAdmin(actor) && starters.get(row.type)?.audience !== 'user')
      throw forbidden('Only staff can cancel or retry this kind of job');
    return row;
  }

  /** Deletes the queue's copy of a job if no worker holds it (graphile-worker's own function). */
  const dequeue = (tx: DbOrTx, row: JobRow) =>
    row.queueJobId === null
      ? Promise.resolve()
      : tx.execute(sql`select graphile_worker.complete_jobs(array[${row.queueJobId}]::bigint[])`);

  async function list(where: SQL | undefined, page: PageParams) {
    const { limit, offset } = pageOffset(page);
    const rows = await db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(limit)
      .offset(offset);
    const [total] = await db.select({ n: count() }).from(jobs).where(where);
    return pageOf(rows.map(toJob), total?.n ?? 0, page);
  }

  const filterSql = (f: JobFilter) =>
    and(
      f.status ? eq(jobs.status, f.status) : undefined,
      f.type ? eq(jobs.type, f.type) : undefined,
      f.userId ? eq(jobs.userId, f.userId) : undefined,
      f.from ? gte(jobs.createdAt, f.from) : undefined,
      f.to ? lt(jobs.createdAt, f.to) : undefined,
    );

  function checkRange(f: { from?: Date; to?: Date }) {
    if (f.from && f.to && f.from >= f.to) throw invalid('querystring.to', 'Must be after from');
  }

  /** The types this actor may start, with a summary for the console. */
  const startableTypes = (actor: Actor) =>
    [...starters.values()]
      .filter((s) => isAdmin(actor) || s.audience === 'user')
      .map((s) => ({ type: s.type, audience: s.audience, summary: s.summary }));

  async function get(actor: Actor, id: string) {
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    if (!row || (!isAdmin(actor) && row.userId !== actor.id)) throw notFound('Job');
    return toJob(row);
  }

  return {
    startableTypes,
    get,

    async start(actor: Actor, type: string, params: unknown, meta: RequestMeta) {
      const s = starters.get(type);
      const allowed = startableTypes(actor).map((t) => t.type);
      if (!s || !allowed.includes(type))
        throw unprocessable('UNKNOWN_JOB_TYPE', `Job type ${type} cannot be started here`, [
          { field: 'body.type', message: `expected one of: ${allowed.join(', ')}` },
        ]);
      const parsed = s.params.safeParse(params ?? {});
      if (!parsed.success)
        throw unprocessable(
          'VALIDATION_FAILED',
          `Invalid params for ${type}`,
          parsed.error.issues.map((i) => ({
            field: ['body', 'params', ...i.path.map(String)].join('.'),
            message: i.message,
          })),
        );
      const id = await s.start(actor, parsed.data, meta);
      return get(actor, id);
    },

    listMine(actor: Actor, f: Pick<JobFilter, 'status' | 'type'>, page: PageParams) {
      return list(filterSql({ ...f, userId: actor.id }), page);
    },

    listAll(f: JobFilter, page: PageParams) {
      checkRange(f);
      return list(filterSql(f), page);
    },

    /**
     * A waiting job is cancelled at once and taken out of the queue (a worker that grabbed it in
     * the meantime sees the status and skips it); a running job is asked to stop and does so at
     * its next progress call. Returns whether it is cancelled already or only requested.
     */
    async cancel(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const row = await lockRow(tx, actor, id);
        if (FINISHED.includes(row.status))
          throw conflict(
            'JOB_FINISHED',
            `The job is ${row.status}; only pending, retrying or running jobs can be cancelled`,
          );
        if (row.status === 'running') {
          const [updated] = await tx
            .update(jobs)
            .set({ cancelRequestedAt: new Date() })
            .where(eq(jobs.id, id))
            .returning();
          return { job: toJob(updated!), immediate: false };
        }
        const [updated] = await tx
          .update(jobs)
          .set({
            status: 'cancelled',
            finishedAt: new Date(),
            nextRetryAt: null,
            cancelRequestedAt: new Date(),
          })
          .where(and(eq(jobs.id, id), inArray(jobs.status, WAITING)))
          .returning();
        await dequeue(tx, row);
        return { job: toJob(updated!), immediate: true };
      });
    },

    /** Runs a failed (or cancelled) job again from its first attempt, with the same parameters. */
    async retry(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const row = await lockRow(tx, actor, id);
        if (!RETRYABLE.includes(row.status))
          throw conflict(
            'JOB_NOT_RETRYABLE',
            `The job is ${row.status}; only failed or cancelled jobs can be retried`,
          );
        await dequeue(tx, row);
        const res = await tx.execute<{ id: number }>(sql`
          select id from graphile_worker.add_job(
            identifier => ${row.type},
            payload => ${JSON.stringify({ jobId: row.id, payload: row.payload })}::json,
            queue_name => ${row.queue},
            run_at => now(),
            max_attempts => ${row.maxAttempts},
            priority => ${row.priority}
          )`);
        const [updated] = await tx
          .update(jobs)
          .set({
            status: 'pending',
            attempts: 0,
            error: null,
            result: null,
            progress: 0,
            progressMessage: null,
            nextRetryAt: null,
            startedAt: null,
            finishedAt: null,
            cancelRequestedAt: null,
            workerName: null,
            runAt: new Date(),
            queueJobId: res.rows[0]?.id ?? null,
          })
          .where(eq(jobs.id, id))
          .returning();
        return toJob(updated!);
      });
    },

    /**
     * Staff marks a stuck job done (the work was done by hand, or is no longer needed). A waiting
     * one leaves the queue; a running one finishes as it will, and no retry follows a failure.
     */
    async forceComplete(actor: Actor, id: string, note?: string) {
      return db.transaction(async (tx) => {
        const row = await lockRow(tx, actor, id);
        if (row.status === 'completed' || row.status === 'cancelled')
          throw conflict('JOB_FINISHED', `The job is ${row.status} already`);
        await dequeue(tx, row);
        const [updated] = await tx
          .update(jobs)
          .set({
            status: 'completed',
            progress: 100,
            progressMessage: note ?? 'Marked complete by staff',
            result: { forced: true, by: actor.id, ...(note ? { note } : {}) },
            nextRetryAt: null,
            finishedAt: new Date(),
          })
          .where(eq(jobs.id, id))
          .returning();
        return toJob(updated!);
      });
    },

    /** Deletes finished jobs (completed, cancelled) older than N days; failed ones stay for inspection. */
    async cleanup(olderThanDays: number) {
      const deleted = await db
        .delete(jobs)
        .where(
          and(
            inArray(jobs.status, ['completed', 'cancelled']),
            sql`coalesce(${jobs.finishedAt}, ${jobs.updatedAt}) < now() - make_interval(days => ${olderThanDays})`,
          ),
        )
        .returning({ id: jobs.id });
      return { deleted: deleted.length, older_than_days: olderThanDays };
    },

    /** Success/failure rates and average duration per type over a window, and queue depth per type. */
    async stats(f: { from?: Date; to?: Date }) {
      checkRange(f);
      const to = f.to ?? new Date();
      const from = f.from ?? new Date(to.getTime() - 7 * 86_400_000);
      const { rows: byType } = await db.execute<{
        type: string;
        total: number;
        pending: number;
        running: number;
        retrying: number;
        completed: number;
        failed: number;
        cancelled: number;
        avg_duration_ms: number | null;
        max_duration_ms: number | null;
      }>(sql`
        select type, count(*)::int as total,
          count(*) filter (where status = 'pending')::int as pending,
          count(*) filter (where status = 'running')::int as running,
          count(*) filter (where status = 'retrying')::int as retrying,
          count(*) filter (where status = 'completed')::int as completed,
          count(*) filter (where status = 'failed')::int as failed,
          count(*) filter (where status = 'cancelled')::int as cancelled,
          round(avg(extract(epoch from finished_at - started_at) * 1000)
            filter (where status = 'completed' and started_at is not null))::float8 as avg_duration_ms,
          round(max(extract(epoch from finished_at - started_at) * 1000)
            filter (where status = 'completed' and started_at is not null))::float8 as max_duration_ms
        from ${jobs}
        where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
        group by type order by type`);
      const depth = await queueDepth(db);
      const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);
      const types = new Set([...byType.map((r) => r.type), ...depth.keys()]);
      const items = [...types].sort().map((type) => {
        const r = byType.find((b) => b.type === type);
        const done = (r?.completed ?? 0) + (r?.failed ?? 0);
        return {
          type,
          total: r?.total ?? 0,
          by_status: {
            pending: r?.pending ?? 0,
            running: r?.running ?? 0,
            retrying: r?.retrying ?? 0,
            completed: r?.completed ?? 0,
            failed: r?.failed ?? 0,
            cancelled: r?.cancelled ?? 0,
          },
          success_rate: rate(r?.completed ?? 0, done),
          failure_rate: rate(r?.failed ?? 0, done),
          avg_duration_ms: r?.avg_duration_ms ?? null,
          max_duration_ms: r?.max_duration_ms ?? null,
          queue_depth: depth.get(type) ?? { ready: 0, scheduled: 0, locked: 0 },
        };
      });
      const sum = (k: 'completed' | 'failed') => items.reduce((n, i) => n + i.by_status[k], 0);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        totals: {
          total: items.reduce((n, i) => n + i.total, 0),
          completed: sum('completed'),
          failed: sum('failed'),
          success_rate: rate(sum('completed'), sum('completed') + sum('failed')),
          failure_rate: rate(sum('failed'), sum('completed') + sum('failed')),
        },
        types: items,
      };
    },

    /** Workers (from their heartbeats) and what graphile-worker holds right now. */
    async queueStatus() {
      const { rows: workers } = await db.execute<{
        worker_id: string;
        hostname: string;
        pid: number;
        concurrency: number;
        started_at: string;
        last_seen_at: string;
        alive: boolean;
        running_jobs: number;
      }>(sql`
        select w.worker_id, w.hostname, w.pid, w.concurrency, w.started_at, w.last_seen_at,
          w.last_seen_at > now() - make_interval(secs => ${ALIVE_WITHIN_S}) as alive,
          (select count(*)::int from ${jobs} j where j.status = 'running' and j.worker_name = w.worker_id) as running_jobs
        from ${workerHeartbeats} w order by w.started_at`);
      const { rows: totals } = await db.execute<{
        ready: number;
        scheduled: number;
        locked: number;
        permanently_failed: number;
        oldest_ready_at: string | null;
      }>(sql`
        select count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now())::int as ready,
          count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now())::int as scheduled,
          count(*) filter (where locked_at is not null)::int as locked,
          count(*) filter (where locked_at is null and attempts >= max_attempts)::int as permanently_failed,
          min(run_at) filter (where locked_at is null and attempts < max_attempts and run_at <= now()) as oldest_ready_at
        from graphile_worker.jobs`);
      const { rows: queues } = await db.execute<{ queue_name: string; waiting: number; locked: boolean }>(sql`
        select q.queue_name, q.locked_at is not null as locked,
          (select count(*)::int from graphile_worker._private_jobs j where j.job_queue_id = q.id) as waiting
        from graphile_worker._private_job_queues q order by q.queue_name`);
      const t = totals[0]!;
      const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
      return {
        workers: workers.map((w) => ({
          ...w,
          started_at: iso(w.started_at)!,
          last_seen_at: iso(w.last_seen_at)!,
        })),
        workers_alive: workers.filter((w) => w.alive).length,
        queue: { ...t, oldest_ready_at: iso(t.oldest_ready_at) },
        named_queues: queues,
      };
    },

    /** Releases jobs held by workers whose heartbeat stopped (also a scheduled task). */
    reclaimDeadWorkers: (staleAfterMs = DEAD_WORKER_AFTER_MS) => reclaimDeadWorkers(db, { staleAfterMs }),
  };
}

/** Jobs graphile-worker holds per task: ready now, scheduled later (incl. retries), locked by a worker. */
async function queueDepth(db: Db) {
  const { rows } = await db.execute<{ type: string; ready: number; scheduled: number; locked: number }>(sql`
    select task_identifier as type,
      count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now())::int as ready,
      count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now())::int as scheduled,
      count(*) filter (where locked_at is not null)::int as locked
    from graphile_worker.jobs group by 1`);
  return new Map(rows.map((r) => [r.type, { ready: r.ready, scheduled: r.scheduled, locked: r.locked }]));
}

export type JobsService = ReturnType<typeof createJobsService>;
