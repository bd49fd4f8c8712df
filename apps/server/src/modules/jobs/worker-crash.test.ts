import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueue, enqueue, type Queue } from '../../platform/queue.js';
import { jobs, mailOutbox, workerHeartbeats } from '../../platform/schema.js';
import { welcomeHandler, welcomeJob } from '../../test/crash-jobs.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';

/**
 * JOB-5: a worker process killed mid-job (SIGKILL, no clean shutdown) leaves its job locked in
 * graphile-worker. Once its heartbeat is stale, the reclaim step releases it, another worker
 * retries it, and the job's side effect (an email, deduplicated per job) happens once.
 */

const CHILD = fileURLToPath(new URL('../../test/queue-worker-child.ts', import.meta.url));

let t: TestApp;
let child: ChildProcess | undefined;
let survivor: Queue;

const row = async (id: string) => (await t.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function startChild(url: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`worker child exited (${code}): ${stderr}`)));
  });
  return { proc, ready };
}

beforeAll(async () => {
  t = await createTestApp();
  survivor = createQueue({
    db: t.database.db,
    pool: t.database.pool,
    concurrency: 1,
    log: t.app.log,
    handlers: [welcomeHandler(t.database.db, { hangAfterEmail: false })],
  });
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await t?.close();
});

describe('a worker killed mid-job (JOB-5)', () => {
  it('its job is reclaimed, retried by another worker and completes with the email sent once', async () => {
    const admin = await signedIn(t, 'admin');
    const to = 'crash-test@example.com';
    const id = await enqueue(t.database.db, welcomeJob, { to });

    const started = startChild(t.config.databaseUrl!);
    child = started.proc;
    const childWorker = await started.ready;
    await until('the child to take the job', async () => (await row(id)).progress === 50);
    expect(await row(id)).toMatchObject({ status: 'running', attempts: 1, workerName: childWorker });
    const [beat] = await t.database.db
      .select()
      .from(workerHeartbeats)
      .where(eq(workerHeartbeats.workerId, childWorker));
    const { rows: locked } = await t.database.pool.query(
      'select locked_by from graphile_worker.jobs where id = $1',
      [(await row(id)).queueJobId],
    );
    expect(beat!.queueWorkerIds).toContain(locked[0].locked_by);

    const exited = new Promise((r) => child!.once('exit', r));
    process.kill(child.pid!, 'SIGKILL');
    await exited;

    // Dead but not yet known to be: the job is still locked and no other worker may take it.
    await survivor.drain();
    expect((await row(id)).status).toBe('running');
    const notYet = await call(t.app, 'POST', '/api/v1/admin/jobs/reclaim', { token: admin.token });
    expect(notYet.body).toEqual({ workers: [], jobs: 0 });

    // A minute without heartbeats (the dead process cannot write one): now it is reclaimed.
    await t.database.pool.query(
      `update worker_heartbeats set last_seen_at = now() - interval '2 minutes' where worker_id = $1`,
      [childWorker],
    );
    const reclaimed = await call(t.app, 'POST', '/api/v1/admin/jobs/reclaim', { token: admin.token });
    expect(reclaimed.status).toBe(200);
    expect(reclaimed.body).toEqual({ workers: [childWorker], jobs: 1 });
    const waiting = await call(t.app, 'GET', `/api/v1/admin/jobs/${id}`, { token: admin.token });
    expect(waiting.body).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(waiting.body.next_retry_at).not.toBeNull();

    await survivor.drain();
    const done = await row(id);
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    expect(done.result).toEqual({ emailed: to, duplicate: true });
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.dedupeKey).toBe(`welcome:${id}`);
    const queue = await call(t.app, 'GET', '/api/v1/admin/jobs/queue', { token: admin.token });
    expect(queue.body.workers.map((w: { worker_id: string }) => w.worker_id)).not.toContain(childWorker);
  }, 60_000);
});
