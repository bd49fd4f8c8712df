import { EventEmitter } from 'node:events';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import {
  Logger as WorkerLogger,
  run,
  runMigrations,
  runOnce,
  type Runner,
  type Task,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import type pg from 'pg';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { z } from 'zod';
import type { Db, DbOrTx } from './db.js';
import { jobs, workerHeartbeats } from './schema.js';

/**
 * Durable background jobs on PostgreSQL (graphile-worker), with a monitoring row per job in
 * `jobs`. `enqueue` writes both inside the caller's transaction: a rolled-back change leaves no
 * job behind, and a committed one always has its job.
 */

export type JobType<P> = {
  name: string;
  schema: z.ZodType<P>;
  title: (payload: P) => string;
  maxAttempts: number;
  queue?: string;
};

/** Job names follow `<module>__<action>` (graphile/starter's convention). */
export function defineJob<P>(
  name: string,
  schema: z.ZodType<P>,
  opts: { title: (payload: P) => string; maxAttempts?: number; queue?: string },
): JobType<P> {
  if (!/^[a-z]+__[a-z_]+$/.test(name)) throw new Error(`job name ${name} must be <module>__<action>`);
  return { name, schema, title: opts.title, maxAttempts: opts.maxAttempts ?? 5, queue: opts.queue };
}

export type EnqueueOptions = {
  runAt?: Date;
  priority?: number;
  userId?: string | null;
  entity?: { type: string; id: string };
  /** Replaces a pending job with the same key (graphile-worker job_key). */
  jobKey?: string;
};

export async function enqueue<P>(
  tx: DbOrTx,
  type: JobType<P>,
  payload: P,
  opts: EnqueueOptions = {},
): Promise<string> {
  const parsed = type.schema.parse(payload);
  const id = randomUUID();
  const runAt = (opts.runAt ?? new Date()).toISOString();
  // One statement (checkout enqueues several jobs): the queue's job and its monitoring row, which
  // records the queue's id. Both become visible at the caller's commit, so the order is moot.
  await tx.execute(sql`
    insert into ${jobs} (id, type, title, payload, max_attempts, priority, run_at, user_id,
                         entity_type, entity_id, queue, queue_job_id)
    select ${id}::uuid, ${type.name}, ${type.title(parsed)}, ${JSON.stringify(parsed)}::jsonb,
           ${type.maxAttempts}, ${opts.priority ?? 0}, ${runAt}::timestamptz, ${opts.userId ?? null}::uuid,
           ${opts.entity?.type ?? null}, ${opts.entity?.id ?? null}, ${type.queue ?? null}, q.id
      from graphile_worker.add_job(
        identifier => ${type.name},
        payload => ${JSON.stringify({ jobId: id, payload: parsed })}::json,
        queue_name => ${type.queue ?? null},
        run_at => ${runAt}::timestamptz,
        max_attempts => ${type.maxAttempts},
        job_key => ${opts.jobKey ?? null},
        priority => ${opts.priority ?? 0}
      ) q`);
  return id;
}

export type JobContext = {
  jobId: string;
  attempt: number;
  userId: string | null;
  log: Logger;
  /** Progress 0–100 with a short message, visible through the jobs API while the job runs. */
  progress: (percent: number, message?: string) => Promise<void>;
};

/** Thrown by `progress` when staff or the owner cancelled the running job: the wrapper stops it cleanly. */
export class JobCancelledError extends Error {
  constructor() {
    super('Cancelled while running');
    this.name = 'JobCancelledError';
  }
}

export type JobHandler<P> = { type: JobType<P>; run: (payload: P, ctx: JobContext) => Promise<unknown> };

export function handle<P>(type: JobType<P>, runFn: (payload: P, ctx: JobContext) => Promise<unknown>) {
  return { type, run: runFn } as JobHandler<unknown>;
}

const envelope = (raw: unknown) =>
  raw && typeof raw === 'object' && 'jobId' in raw
    ? (raw as { jobId: string; payload: unknown })
    : { jobId: undefined, payload: raw };

/** Wraps each handler so the `jobs` row follows the job: running → completed / retrying / failed. */
function buildTaskList(db: Db, handlers: JobHandler<unknown>[], log: Logger, workerName: string): TaskList {
  const list: TaskList = {};
  for (const h of handlers) {
    const task: Task = async (raw, helpers) => {
      const env = envelope(raw);
      const attempt = helpers.job.attempts;
      let jobId = env.jobId;
      if (!jobId) {
        // Scheduled (cron) jobs arrive without a monitoring row: create one now.
        const [row] = await db
          .insert(jobs)
          .values({
            type: h.type.name,
            title: h.type.title(env.payload as never),
            payload: (env.payload ?? {}) as object,
            maxAttempts: helpers.job.max_attempts,
            queueJobId: Number(helpers.job.id),
          })
          .returning({ id: jobs.id });
        jobId = row!.id;
      }
      const started = await db
        .update(jobs)
        .set({
          status: 'running',
          attempts: attempt,
          startedAt: new Date(),
          workerName,
          nextRetryAt: null,
          error: null,
        })
        .where(and(eq(jobs.id, jobId), notInArray(jobs.status, ['cancelled', 'completed'])))
        .returning({ userId: jobs.userId });
      // Cancelled or force-completed by staff: acknowledge to the queue without running.
      if (!started[0]) return;
      const jobLog = log.child({ job: h.type.name, jobId, attempt });
      const ctx: JobContext = {
        jobId,
        attempt,
        userId: started[0].userId,
        log: jobLog,
        progress: async (percent, message) => {
          const [row] = await db
            .update(jobs)
            .set({
              progress: Math.max(0, Math.min(100, Math.round(percent))),
              progressMessage: message ?? null,
            })
            .where(eq(jobs.id, jobId))
            .returning({ cancelRequestedAt: jobs.cancelRequestedAt });
          // The progress write is the job's check-in: a requested cancel takes effect here.
          if (row?.cancelRequestedAt) throw new JobCancelledError();
        },
      };
      try {
        const payload = h.type.schema.parse(env.payload);
        const result = await h.run(payload, ctx);
        await db
          .update(jobs)
          .set({
            status: 'completed',
            result: (result ?? null) as object,
            progress: 100,
            finishedAt: new Date(),
          })
          .where(eq(jobs.id, jobId));
      } catch (err) {
        if (err instanceof JobCancelledError) {
          // Acknowledged to the queue (no retry): the handler stopped where it checked in.
          await db
            .update(jobs)
            .set({ status: 'cancelled', finishedAt: new Date(), progressMessage: 'Cancelled while running' })
            .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')));
          jobLog.info('job cancelled while running');
          return;
        }
        const final = attempt >= helpers.job.max_attempts;
        const message = err instanceof Error ? err.message : String(err);
        jobLog.warn({ err, final }, 'job failed');
        // graphile-worker retries after exp(min(attempts, 10)) seconds; mirror it for the monitor.
        const delayMs = Math.exp(Math.min(attempt, 10)) * 1000;
        const marked = await db
          .update(jobs)
          .set({
            status: final ? 'failed' : 'retrying',
            error: message.slice(0, 2000),
            nextRetryAt: final ? null : new Date(Date.now() + delayMs),
            finishedAt: final ? new Date() : null,
          })
          .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')))
          .returning({ id: jobs.id });
        // Staff force-completed it while it ran: no retry.
        if (!marked.length) return;
        throw err;
      }
    };
    list[h.type.name] = task;
  }
  return list;
}

export type Queue = {
  /** Runs the worker until stop(); heartbeats let every replica see it alive. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
  isRunning: () => boolean;
  /** Runs every job that is due now, then returns (tests and one-shot commands). */
  drain: () => Promise<void>;
  workerId: string;
};

const silentLogger = () => () => {};

export function createQueue(opts: {
  db: Db;
  pool: pg.Pool;
  handlers: JobHandler<unknown>[];
  concurrency: number;
  log: Logger;
  /** graphile-worker crontab lines ("m h dom mon dow task"); scheduled tasks run on a live worker. */
  crontab?: string[];
}): Queue {
  const workerId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const taskList = buildTaskList(opts.db, opts.handlers, opts.log, workerId);
  let runner: Runner | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  // graphile-worker's ids for this process's workers, published with the heartbeat so that, if this
  // process dies holding jobs, another one can release them (reclaimDeadWorkers).
  const queueWorkerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => queueWorkerIds.add(worker.workerId));
  const logger = new WorkerLogger((scope) => (level, message, meta) => {
    if (level === 'error') opts.log.error({ scope, meta }, message);
    else if (level === 'warning') opts.log.warn({ scope, meta }, message);
  });

  const beat = () =>
    opts.db
      .insert(workerHeartbeats)
      .values({
        workerId,
        hostname: os.hostname(),
        pid: process.pid,
        concurrency: opts.concurrency,
        queueWorkerIds: [...queueWorkerIds],
      })
      .onConflictDoUpdate({
        target: workerHeartbeats.workerId,
        set: { lastSeenAt: sql`now()`, queueWorkerIds: [...queueWorkerIds] },
      })
      .catch((err: unknown) => opts.log.warn({ err }, 'worker heartbeat failed'));

  return {
    workerId,
    start: async () => {
      // Jobs held by workers that died without a clean stop would otherwise wait out the 4 h lock.
      await reclaimDeadWorkers(opts.db, { staleAfterMs: DEAD_WORKER_AFTER_MS }).catch((err: unknown) =>
        opts.log.warn({ err }, 'reclaiming jobs of dead workers failed'),
      );
      runner = await run({
        events,
        pgPool: opts.pool,
        taskList,
        concurrency: opts.concurrency,
        noHandleSignals: true,
        pollInterval: 1000,
        logger,
        crontab: opts.crontab?.join('\n') ?? '',
      });
      await beat();
      heartbeat = setInterval(() => void beat(), 10_000);
      heartbeat.unref();
    },
    stop: async () => {
      if (heartbeat) clearInterval(heartbeat);
      const r = runner;
      runner = undefined;
      if (r) {
        await r.stop();
        await r.promise.catch(() => {});
      }
      await opts.db
        .delete(workerHeartbeats)
        .where(eq(workerHeartbeats.workerId, workerId))
        .catch(() => {});
    },
    isRunning: () => runner !== undefined,
    drain: async () => {
      await runOnce({ pgPool: opts.pool, taskList, logger: new WorkerLogger(silentLogger) });
    },
  };
}

/** A worker that has not heartbeated (every 10 s) for this long is taken for dead. */
export const DEAD_WORKER_AFTER_MS = 60_000;

/**
 * Releases the jobs locked by worker processes whose heartbeat stopped (killed, crashed, lost
 * their host), so live workers retry them now instead of after graphile-worker's 4 h lock expiry.
 * Uses graphile-worker's documented `force_unlock_workers`; the job keeps its attempt count, so the
 * retry counts against max_attempts. Returns the dead workers' ids and the monitoring rows reset.
 */
export async function reclaimDeadWorkers(db: Db, opts: { staleAfterMs: number }) {
  return db.transaction(async (tx) => {
    const dead = await tx
      .delete(workerHeartbeats)
      .where(sql`${workerHeartbeats.lastSeenAt} < now() - make_interval(secs => ${opts.staleAfterMs / 1000})`)
      .returning({ workerId: workerHeartbeats.workerId, queueWorkerIds: workerHeartbeats.queueWorkerIds });
    if (!dead.length) return { workers: [] as string[], jobs: 0 };
    const queueIds = dead.flatMap((d) => d.queueWorkerIds);
    if (queueIds.length)
      await tx.execute(
        sql`select graphile_worker.force_unlock_workers(array[${sql.join(
          queueIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[])`,
      );
    // The monitor showed these as running on the dead worker: they are waiting for a retry now.
    const reset = await tx
      .update(jobs)
      .set({
        status: 'retrying',
        nextRetryAt: new Date(),
        progressMessage: 'Worker died; waiting for a retry',
      })
      .where(
        and(
          eq(jobs.status, 'running'),
          inArray(
            jobs.workerName,
            dead.map((d) => d.workerId),
          ),
        ),
      )
      .returning({ id: jobs.id });
    return { workers: dead.map((d) => d.workerId), jobs: reset.length };
  });
}

export async function migrateQueue(pool: pg.Pool) {
  await runMigrations({ pgPool: pool, logger: new WorkerLogger(silentLogger) });
}

export async function getJob(db: DbOrTx, id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}
