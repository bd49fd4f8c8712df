import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';

/**
 * JOB-6: the scheduled tasks are registered on graphile-worker's crontab by the app itself, and a
 * scheduled run (a queue job with graphile-worker's `_cron` payload and no monitoring row yet) is
 * monitored and completes like any other job.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const SCHEDULED = [
  'orders__expire_unpaid',
  'inventory__low_stock_check',
  'catalog__refresh_rankings',
  'catalog__refresh_recommendations',
  'reports__daily_sales',
  'reports__expire_exports',
  'jobs__cleanup',
  'jobs__reclaim_dead_workers',
];

describe('scheduled tasks (JOB-6)', () => {
  it('a running worker registers every scheduled task once', async () => {
    await t.app.queue.start();
    try {
      const { rows } = await t.database.pool.query<{ identifier: string }>(
        'select identifier from graphile_worker._private_known_crontabs',
      );
      const ids = rows.map((r) => r.identifier);
      expect(ids).toEqual(expect.arrayContaining(SCHEDULED));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await t.app.queue.stop();
    }
  });

  it('a scheduled run gets its monitoring row and completes (yesterday’s sales, old-job cleanup)', async () => {
    const cron = JSON.stringify({ _cron: { ts: new Date().toISOString(), backfilled: false } });
    await t.database.pool.query(`select graphile_worker.add_job('reports__daily_sales', $1::json)`, [cron]);
    await t.database.pool.query(`select graphile_worker.add_job('jobs__cleanup', $1::json)`, [
      JSON.stringify({ olderThanDays: 30, _cron: { ts: new Date().toISOString(), backfilled: false } }),
    ]);
    await t.drain();
    const admin = await signedIn(t, 'admin');
    const list = await call(t.app, 'GET', '/api/v1/admin/jobs?status=completed&per_page=100', {
      token: admin.token,
    });
    const byType = new Map(list.body.items.map((j: { type: string }) => [j.type, j]));
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(byType.get('reports__daily_sales')).toMatchObject({
      user_id: null,
      result: { from: yesterday, to: yesterday, days: 1 },
    });
    expect(byType.get('jobs__cleanup')).toMatchObject({ result: { older_than_days: 30 } });
    const { rows } = await t.database.pool.query('select day::text from daily_sales');
    expect(rows).toEqual([{ day: yesterday }]);
  });
});
