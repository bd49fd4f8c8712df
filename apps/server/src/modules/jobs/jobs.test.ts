import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createQueue, defineJob, enqueue, handle, type Queue } from '../../platform/queue.js';
import { jobs } from '../../platform/schema.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';

/**
 * The job monitoring API (JOB-2, JOB-4) through HTTP on a real database and graphile-worker. The
 * user-startable job is identity's GDPR export; a slow test job shows cancel/retry while running.
 */

const slowJob = defineJob('test__slow', z.object({ steps: z.number().int() }), {
  title: (p) => `Slow job of ${p.steps} steps`,
  maxAttempts: 3,
});

let t: TestApp;
let alice: Awaited<ReturnType<typeof signedIn>>;
let bob: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let staff: Awaited<ReturnType<typeof signedIn>>;
let slowQueue: Queue;
let slowSteps = 0;

const api = (method: 'GET' | 'POST', url: string, token?: string, body?: unknown) =>
  call(t.app, method, `/api/v1${url}`, { token, body });
const row = async (id: string) => (await t.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
const queueRows = async (queueJobId: number | null) =>
  (await t.database.pool.query('select * from graphile_worker.jobs where id = $1', [queueJobId])).rows;
const makeDue = () => t.database.pool.query('update graphile_worker._private_jobs set run_at = now()');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const startExport = async (token: string) => {
  const res = await api('POST', '/jobs', token, { type: 'identity__export_data' });
  expect(res.status).toBe(202);
  return res.body.id as string;
};

beforeAll(async () => {
  t = await createTestApp();
  [alice, bob, admin, staff] = [
    await signedIn(t),
    await signedIn(t),
    await signedIn(t, 'admin'),
    await signedIn(t, 'staff'),
  ];
  slowQueue = createQueue({
    db: t.database.db,
    pool: t.database.pool,
    concurrency: 1,
    log: t.app.log,
    handlers: [
      handle(slowJob, async ({ steps }, ctx) => {
        for (let i = 1; i <= steps; i++) {
          slowSteps = i;
          await sleep(50);
          await ctx.progress((i / steps) * 100, `step ${i}`);
        }
        return { steps };
      }),
    ],
  });
});
afterAll(async () => {
  await slowQueue?.stop();
  await t?.close();
});

describe('my jobs (JOB-4)', () => {
  it('starts my data export, lists and shows it with progress, and it completes', async () => {
    const id = await startExport(alice.token);
    const pending = await api('GET', `/jobs/${id}`, alice.token);
    expect(pending.body).toMatchObject({
      id,
      type: 'identity__export_data',
      status: 'pending',
      progress: 0,
      attempts: 0,
      max_attempts: 3,
      user_id: alice.id,
      cancel_requested: false,
    });
    await t.drain();
    const done = await api('GET', `/jobs/${id}`, alice.token);
    expect(done.body).toMatchObject({ status: 'completed', progress: 100, attempts: 1, error: null });
    expect(done.body.result.file).toMatch(/^exports\//);
    expect(done.body.duration_ms).toBeGreaterThanOrEqual(0);

    const list = await api('GET', '/jobs?type=identity__export_data&status=completed', alice.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((j: { id: string }) => j.id)).toContain(id);
    expect(list.body.items.every((j: { user_id: string }) => j.user_id === alice.id)).toBe(true);
  });

  it("another user's job is a 404 everywhere, and stays untouched", async () => {
    const id = await startExport(alice.token);
    expect((await api('GET', `/jobs/${id}`, bob.token)).status).toBe(404);
    expect((await api('POST', `/jobs/${id}/cancel`, bob.token)).status).toBe(404);
    expect((await api('POST', `/jobs/${id}/retry`, bob.token)).status).toBe(404);
    expect((await api('GET', '/jobs', bob.token)).body.items.map((j: { id: string }) => j.id)).not.toContain(
      id,
    );
    expect((await row(id)).status).toBe('pending');
    await t.drain();
  });

  it('refuses unknown and admin-only types and bad params with 422 naming the field', async () => {
    const unknown = await api('POST', '/jobs', alice.token, { type: 'nope__nothing' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('body.type');
    const adminOnly = await api('POST', '/jobs', alice.token, {
      type: 'reports__export',
      params: { entity: 'customers', format: 'csv' },
    });
    expect(adminOnly.status).toBe(422);
    const badParams = await api('POST', '/jobs', alice.token, {
      type: 'identity__export_data',
      params: { x: 1 },
    });
    expect(badParams.status).toBe(422);
    expect(badParams.body.errors[0].field).toMatch(/^body\.params/);
    expect((await api('GET', '/jobs/not-a-uuid', alice.token)).status).toBe(422);
    expect((await api('GET', '/jobs')).status).toBe(401);
    expect((await api('GET', '/jobs/types', alice.token)).body).toEqual([
      expect.objectContaining({ type: 'identity__export_data', audience: 'user' }),
    ]);
  });

  it('cancelling a pending job removes it from the queue; it never runs; cancelling again is 409', async () => {
    const id = await startExport(alice.token);
    const { queueJobId } = await row(id);
    expect(await queueRows(queueJobId)).toHaveLength(1);
    const res = await api('POST', `/jobs/${id}/cancel`, alice.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    expect(await queueRows(queueJobId)).toHaveLength(0);
    await t.drain();
    expect(await row(id)).toMatchObject({ status: 'cancelled', startedAt: null, result: null });
    const again = await api('POST', `/jobs/${id}/cancel`, alice.token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('JOB_FINISHED');

    // A cancelled job can be run again; a completed one cannot.
    const retried = await api('POST', `/jobs/${id}/retry`, alice.token);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, finished_at: null });
    await t.drain();
    expect((await row(id)).status).toBe('completed');
    const completedRetry = await api('POST', `/jobs/${id}/retry`, alice.token);
    expect(completedRetry.status).toBe(409);
    expect(completedRetry.body.code).toBe('JOB_NOT_RETRYABLE');
    expect((await api('POST', `/jobs/${id}/cancel`, alice.token)).status).toBe(409);
  });

  it('shows retries with attempts and next retry time, ends failed, and a retry of the failed job completes', async () => {
    // The export writes under exports/<user>/: a plain file named `exports` makes every attempt fail.
    const blocker = path.join(t.config.uploadDir, 'exports');
    await fs.rm(blocker, { recursive: true, force: true });
    await fs.mkdir(t.config.uploadDir, { recursive: true });
    await fs.writeFile(blocker, 'in the way');
    try {
      const id = await startExport(bob.token);
      await t.drain();
      const first = (await api('GET', `/jobs/${id}`, bob.token)).body;
      expect(first).toMatchObject({ status: 'retrying', attempts: 1, max_attempts: 3 });
      expect(first.error).toBeTruthy();
      expect(Date.parse(first.next_retry_at)).toBeGreaterThan(Date.now());
      for (let i = 0; i < 2; i++) {
        await makeDue();
        await t.drain();
      }
      const failed = (await api('GET', `/jobs/${id}`, bob.token)).body;
      expect(failed).toMatchObject({ status: 'failed', attempts: 3, next_retry_at: null });
      expect((await api('POST', `/jobs/${id}/cancel`, bob.token)).status).toBe(409);

      await fs.rm(blocker);
      const retry = await api('POST', `/jobs/${id}/retry`, bob.token);
      expect(retry.status).toBe(202);
      await t.drain();
      expect((await api('GET', `/jobs/${id}`, bob.token)).body).toMatchObject({
        status: 'completed',
        attempts: 1,
        error: null,
      });
    } finally {
      await fs.rm(blocker, { force: true, recursive: false }).catch(() => {});
    }
  });

  it('users cannot cancel system jobs that are theirs only by association (emails)', async () => {
    const sys = await enqueue(t.database.db, slowJob, { steps: 1 }, { userId: alice.id });
    const res = await api('POST', `/jobs/${sys}/cancel`, alice.token);
    expect(res.status).toBe(403);
    expect((await row(sys)).status).toBe('pending');
    await api('POST', `/admin/jobs/${sys}/cancel`, admin.token);
  });
});

describe('admin jobs (JOB-4)', () => {
  it('is for admins only', async () => {
    for (const url of ['/admin/jobs', '/admin/jobs/stats', '/admin/jobs/queue']) {
      expect((await api('GET', url, alice.token)).status).toBe(403);
      expect((await api('GET', url, staff.token)).status).toBe(403);
      expect((await api('GET', url)).status).toBe(401);
    }
    expect((await api('POST', '/admin/jobs/cleanup', alice.token, { older_than_days: 1 })).status).toBe(403);
  });

  it('lists every job with filters by status, type, user and date; bad dates are 422', async () => {
    const a = await startExport(alice.token);
    const b = await startExport(bob.token);
    const byUser = await api('GET', `/admin/jobs?user_id=${bob.id}&status=pending`, admin.token);
    expect(byUser.status).toBe(200);
    const ids = byUser.body.items.map((j: { id: string }) => j.id);
    expect(ids).toContain(b);
    expect(ids).not.toContain(a);
    const byType = await api('GET', '/admin/jobs?type=identity__export_data&per_page=100', admin.token);
    expect(byType.body.items.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([a, b]));
    const today = new Date().toISOString().slice(0, 10);
    const future = await api('GET', `/admin/jobs?from=2999-01-01`, admin.token);
    expect(future.body.total).toBe(0);
    const window = await api(
      'GET',
      `/admin/jobs?from=${today}&to=2999-01-01&user_id=${alice.id}`,
      admin.token,
    );
    expect(window.body.items.map((j: { id: string }) => j.id)).toContain(a);
    const bad = await api('GET', '/admin/jobs?from=yesterday', admin.token);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('querystring.from');
    const backwards = await api('GET', '/admin/jobs?from=2026-02-01&to=2026-01-01', admin.token);
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].field).toBe('querystring.to');
    expect((await api('GET', `/admin/jobs/${b}`, admin.token)).body.user_id).toBe(bob.id);
    await t.drain();
  });

  it('starts admin job types and refuses unknown ones', async () => {
    const res = await api('POST', '/admin/jobs', admin.token, {
      type: 'jobs__cleanup',
      params: { older_than_days: 90 },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      type: 'jobs__cleanup',
      user_id: admin.id,
      params: { olderThanDays: 90 },
    });
    await t.drain();
    expect((await row(res.body.id)).status).toBe('completed');
    const types = (await api('GET', '/admin/jobs/types', admin.token)).body.map(
      (x: { type: string }) => x.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'identity__export_data',
        'inventory__sync',
        'reports__daily_sales',
        'reports__export',
      ]),
    );
    const unknown = await api('POST', '/admin/jobs', admin.token, { type: 'test__slow' });
    expect(unknown.status).toBe(422);
    // The inventory module's own checks apply: no allowed hosts configured here.
    const sync = await api('POST', '/admin/jobs', admin.token, {
      type: 'inventory__sync',
      params: { url: 'http://example.com/feed.csv' },
    });
    expect(sync.status).toBeGreaterThanOrEqual(400);
    expect(sync.status).toBeLessThan(500);
  });

  it('force-completes a stuck job (it leaves the queue) and refuses a finished one', async () => {
    const id = await enqueue(t.database.db, slowJob, { steps: 1 });
    const { queueJobId } = await row(id);
    const res = await api('POST', `/admin/jobs/${id}/complete`, admin.token, { note: 'done by hand' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      progress: 100,
      result: { forced: true, by: admin.id },
    });
    expect(await queueRows(queueJobId)).toHaveLength(0);
    const again = await api('POST', `/admin/jobs/${id}/complete`, admin.token);
    expect(again.status).toBe(409);
    expect(
      (await api('POST', `/admin/jobs/00000000-0000-4000-8000-000000000000/complete`, admin.token)).status,
    ).toBe(404);
  });

  it('a running job: retry is 409, cancel asks it to stop and it stops at its next progress call', async () => {
    await slowQueue.start();
    try {
      const id = await enqueue(t.database.db, slowJob, { steps: 200 }, { userId: admin.id });
      await until('the slow job to run', async () => (await row(id)).progress > 0);
      const retry = await api('POST', `/admin/jobs/${id}/retry`, admin.token);
      expect(retry.status).toBe(409);
      expect(retry.body.code).toBe('JOB_NOT_RETRYABLE');

      const queue = await api('GET', '/admin/jobs/queue', admin.token);
      expect(queue.status).toBe(200);
      const me = queue.body.workers.find((w: { worker_id: string }) => w.worker_id === slowQueue.workerId);
      expect(me).toMatchObject({ alive: true, running_jobs: 1, concurrency: 1 });
      expect(queue.body.workers_alive).toBeGreaterThanOrEqual(1);
      expect(queue.body.queue.locked).toBeGreaterThanOrEqual(1);

      const cancel = await api('POST', `/admin/jobs/${id}/cancel`, admin.token);
      expect(cancel.status).toBe(202);
      expect(cancel.body).toMatchObject({ status: 'running', cancel_requested: true });
      await until('the job to stop', async () => (await row(id)).status === 'cancelled');
      const stoppedAt = slowSteps;
      expect(stoppedAt).toBeLessThan(200);
      const { queueJobId } = await row(id);
      // Acknowledged to graphile-worker: not retried.
      await until('the queue to drop it', async () => (await queueRows(queueJobId)).length === 0);
      await sleep(200);
      expect(slowSteps).toBe(stoppedAt);
      expect((await row(id)).progress).toBeLessThan(100);
    } finally {
      await slowQueue.stop();
    }
  });

  it('statistics: rates, average duration and queue depth per type', async () => {
    const waiting = await enqueue(t.database.db, slowJob, { steps: 1 });
    const res = await api('GET', '/admin/jobs/stats', admin.token);
    expect(res.status).toBe(200);
    const exportStats = res.body.types.find((x: { type: string }) => x.type === 'identity__export_data');
    expect(exportStats.by_status.completed).toBeGreaterThanOrEqual(3);
    expect(exportStats.success_rate).toBeGreaterThan(0);
    expect(exportStats.success_rate + exportStats.failure_rate).toBeCloseTo(1);
    expect(exportStats.avg_duration_ms).toBeGreaterThanOrEqual(0);
    const slow = res.body.types.find((x: { type: string }) => x.type === 'test__slow');
    expect(slow.queue_depth.ready).toBeGreaterThanOrEqual(1);
    expect(res.body.totals.total).toBeGreaterThan(0);
    expect((await api('GET', '/admin/jobs/stats?from=2026-13-01', admin.token)).status).toBe(422);
    const empty = await api('GET', '/admin/jobs/stats?from=2000-01-01&to=2000-01-02', admin.token);
    expect(empty.body.totals).toMatchObject({ total: 0, success_rate: null });
    await api('POST', `/admin/jobs/${waiting}/cancel`, admin.token);
  });

  it('cleanup deletes old completed and cancelled jobs and keeps failed ones', async () => {
    const [done, failed, fresh] = [
      await enqueue(t.database.db, slowJob, { steps: 1 }),
      await enqueue(t.database.db, slowJob, { steps: 1 }),
      await enqueue(t.database.db, slowJob, { steps: 1 }),
    ];
    await api('POST', `/admin/jobs/${done}/complete`, admin.token);
    await api('POST', `/admin/jobs/${fresh}/complete`, admin.token);
    await t.database.pool.query(`update jobs set status = 'failed', finished_at = now() where id = $1`, [
      failed,
    ]);
    await t.database.pool.query(
      `update jobs set finished_at = now() - interval '40 days' where id = any($1)`,
      [[done, failed]],
    );
    expect((await api('POST', '/admin/jobs/cleanup', admin.token, { older_than_days: 0 })).status).toBe(422);
    const res = await api('POST', '/admin/jobs/cleanup', admin.token, { older_than_days: 30 });
    expect(res.status).toBe(200);
    expect(res.body.deleted).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.select().from(jobs).where(eq(jobs.id, done))).toHaveLength(0);
    expect((await row(failed)).status).toBe('failed');
    expect((await row(fresh)).status).toBe('completed');
  });
});
