import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import {
  Logger as WorkerLogger,
  run,
  runMigrations,
  runOnce,
  type Runner,
  type Task,
  type TaskList,
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
  const runAt = opts.runAt ?? new Date();
  await tx.insert(jobs).values({
    id,
    type: type.name,
    title: type.title(parsed),
    payload: parsed as object,
    maxAttempts: type.maxAttempts,
    priority: opts.priority ?? 0,
    runAt,
    userId: opts.userId ?? null,
    entityType: opts.entity?.type,
    entityId: opts.entity?.id,
    queue: type.queue,
  });
  const res = await tx.execute<{ id: number }>(sql`
    select id from graphile_worker.add_job(
      identifier => ${type.name},
      payload => ${JSON.stringify({ jobId: id, payload: parsed })}::json,
      queue_name => ${type.queue ?? null},
      run_at => ${runAt.toISOString()}::timestamptz,
      max_attempts => ${type.maxAttempts},
      job_key => ${opts.jobKey ?? null},
      priority => ${opts.priority ?? 0}
    )`);
  const queueJobId = res.rows[0]?.id;
  if (queueJobId !== undefined) await tx.update(jobs).set({ queueJobId }).where(eq(jobs.id, id));
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
          await db
            .update(jobs)
            .set({
              progress: Math.max(0, Math.min(100, Math.round(percent))),
              progressMessage: message ?? null,
            })
            .where(eq(jobs.id, jobId));
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
        const final = attempt >= helpers.job.max_attempts;
        const message = err instanceof Error ? err.message : String(err);
        jobLog.warn({ err, final }, 'job failed');
        // graphile-worker retries after exp(min(attempts, 10)) seconds; mirror it for the monitor.
        const delayMs = Math.exp(Math.min(attempt, 10)) * 1000;
        await db
          .update(jobs)
          .set({
            status: final ? 'failed' : 'retrying',
            error: message.slice(0, 2000),
            nextRetryAt: final ? null : new Date(Date.now() + delayMs),
            finishedAt: final ? new Date() : null,
          })
          .where(eq(jobs.id, jobId));
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
  const logger = new WorkerLogger((scope) => (level, message, meta) => {
    if (level === 'error') opts.log.error({ scope, meta }, message);
    else if (level === 'warning') opts.log.warn({ scope, meta }, message);
  });

  const beat = () =>
    opts.db
      .insert(workerHeartbeats)
      .values({ workerId, hostname: os.hostname(), pid: process.pid, concurrency: opts.concurrency })
      .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastSeenAt: sql`now()` } })
      .catch((err: unknown) => opts.log.warn({ err }, 'worker heartbeat failed'));

  return {
    workerId,
    start: async () => {
      runner = await run({
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

export async function migrateQueue(pool: pg.Pool) {
  await runMigrations({ pgPool: pool, logger: new WorkerLogger(silentLogger) });
}

export async function getJob(db: DbOrTx, id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}
