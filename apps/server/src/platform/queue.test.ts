import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../test/harness.js';
import { createQueue, defineJob, enqueue, handle, type Queue } from './queue.js';
import { jobs } from './schema.js';

const echoJob = defineJob('test__echo', z.object({ n: z.number() }), { title: (p) => `Echo ${p.n}` });
const flakyJob = defineJob('test__flaky', z.object({ failTimes: z.number() }), {
  title: () => 'Flaky',
  maxAttempts: 2,
});

let t: TestApp;
let queue: Queue;
const ran: number[] = [];
let flakyCalls = 0;

beforeAll(async () => {
  t = await createTestApp();
  queue = createQueue({
    db: t.database.db,
    pool: t.database.pool,
    concurrency: 2,
    log: t.app.log,
    handlers: [
      handle(echoJob, async ({ n }, ctx) => {
        await ctx.progress(50, 'half way');
        ran.push(n);
        return { doubled: n * 2 };
      }),
      handle(flakyJob, async ({ failTimes }) => {
        flakyCalls++;
        if (flakyCalls <= failTimes) throw new Error(`boom ${flakyCalls}`);
        return { ok: true };
      }),
    ],
  });
});
afterAll(async () => {
  await queue?.stop();
  await t?.close();
});

const row = async (id: string) => (await t.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
const makeDue = () => t.database.pool.query('update graphile_worker._private_jobs set run_at = now()');

describe('job queue (JOB-1, JOB-2)', () => {
  it('a job enqueued in a rolled-back transaction never exists and never runs', async () => {
    let id = '';
    await expect(
      t.database.db.transaction(async (tx) => {
        id = await enqueue(tx, echoJob, { n: 1 });
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    await queue.drain();
    expect(ran).not.toContain(1);
    expect(await t.database.db.select().from(jobs).where(eq(jobs.id, id))).toHaveLength(0);
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from graphile_worker._private_jobs`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('a committed job runs once and its monitoring row records the result', async () => {
    const id = await t.database.db.transaction((tx) =>
      enqueue(tx, echoJob, { n: 2 }, { userId: null, entity: { type: 'order', id: 'o-1' } }),
    );
    expect(await row(id)).toMatchObject({
      status: 'pending',
      title: 'Echo 2',
      type: 'test__echo',
      entityId: 'o-1',
    });
    await queue.drain();
    await queue.drain();
    expect(ran.filter((n) => n === 2)).toHaveLength(1);
    expect(await row(id)).toMatchObject({
      status: 'completed',
      result: { doubled: 4 },
      progress: 100,
      attempts: 1,
    });
  });

  it('rejects a payload that does not match the job schema at enqueue time', async () => {
    await expect(enqueue(t.database.db, echoJob, { n: 'x' } as never)).rejects.toThrow();
  });

  it('a failing job is marked retrying with the error and next retry time, then failed after max attempts', async () => {
    flakyCalls = 0;
    const id = await enqueue(t.database.db, flakyJob, { failTimes: 5 });
    await queue.drain();
    const first = await row(id);
    expect(first).toMatchObject({ status: 'retrying', error: 'boom 1', attempts: 1 });
    expect(first.nextRetryAt!.getTime()).toBeGreaterThan(Date.now());
    await makeDue();
    await queue.drain();
    expect(await row(id)).toMatchObject({
      status: 'failed',
      error: 'boom 2',
      attempts: 2,
      nextRetryAt: null,
    });
  });

  it('a job that fails once then succeeds ends completed', async () => {
    flakyCalls = 0;
    const id = await enqueue(t.database.db, flakyJob, { failTimes: 1 });
    await queue.drain();
    await makeDue();
    await queue.drain();
    expect(await row(id)).toMatchObject({ status: 'completed', attempts: 2, error: null });
  });

  it('a running worker picks up jobs by itself and reports alive in /health/ready', async () => {
    await queue.start();
    try {
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'up', worker: 'up' } });
      const id = await enqueue(t.database.db, echoJob, { n: 3 });
      for (let i = 0; i < 50 && (await row(id)).status !== 'completed'; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((await row(id)).status).toBe('completed');
    } finally {
      await queue.stop();
    }
    const after = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(after.json().checks.worker).toBe('down');
    expect(after.statusCode).toBe(200);
  });
});
