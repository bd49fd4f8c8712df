import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Tables of the shared mechanisms (job monitoring, mail). Module tables live in their modules. */

export const jobStatus = pgEnum('job_status', [
  'pending',
  'running',
  'completed',
  'failed',
  'retrying',
  'cancelled',
]);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/** The monitoring record of every background job (SPEC JOB-2); graphile-worker holds the queue itself. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    status: jobStatus('status').notNull().default('pending'),
    payload: jsonb('payload').notNull().default({}),
    result: jsonb('result'),
    progress: smallint('progress').notNull().default(0),
    progressMessage: text('progress_message'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    nextRetryAt: timestamp('next_retry_at', { withTimezone: true }),
    error: text('error'),
    priority: integer('priority').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    workerName: text('worker_name'),
    queue: text('queue'),
    queueJobId: bigint('queue_job_id', { mode: 'number' }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Cancel asked for while running: the handler stops at its next progress call. */
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('jobs_user_idx').on(t.userId, t.createdAt),
    index('jobs_status_type_idx').on(t.status, t.type),
    index('jobs_created_idx').on(t.createdAt),
  ],
);

/**
 * Every email the platform sends. The job that delivers it carries only the row id, so no
 * token in a message body ever lands in job payloads or logs. Without SMTP this is the dev mailbox.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    template: text('template').notNull(),
    /** Set by senders that may run twice (retried jobs): a second message with the key is not stored. */
    dedupeKey: text('dedupe_key'),
    transport: text('transport'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_outbox_to_idx').on(t.to, t.createdAt),
    index('mail_outbox_created_idx').on(t.createdAt),
    uniqueIndex('mail_outbox_dedupe_key').on(t.dedupeKey),
  ],
);

/** Each worker process writes here periodically, so any API replica can tell whether workers are alive. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  hostname: text('hostname').notNull(),
  pid: integer('pid').notNull(),
  concurrency: integer('concurrency').notNull(),
  /** graphile-worker's own worker ids in this process: what force_unlock_workers needs when it dies. */
  queueWorkerIds: text('queue_worker_ids')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/**
 * Idempotency keys of unsafe requests (checkout, payments): the first request with a key claims it
 * inside its transaction; a retry with the same key and body gets the same resource back.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    ownerId: uuid('owner_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    resourceId: text('resource_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.ownerId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

export { timestamps };
