import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { defineJob, enqueue, handle } from '../../platform/queue.js';
import type { DeliveryService } from './service.js';

/**
 * DLV-5, the demo's delivery simulation. graphile-worker's crontab fires at most once a minute,
 * and a delivery should move every 20 s, so the tick is a self-re-enqueueing job: each run first
 * schedules the next one `interval` later under one job key, then advances what is due. The job
 * key keeps a single chain however many workers run — graphile-worker replaces a pending job with
 * the same key, and when the running job re-enqueues itself, its key moves to the new job. (The
 * alternative, a per-minute cron advancing by elapsed time, would move deliveries in bursts once a
 * minute, which is not what a shopper watching the tracking page should see.)
 *
 * Something has to start the chain, and restart it if it is ever lost (a job that failed for good,
 * a database restored without it): a per-minute cron watchdog enqueues the tick when no job holds
 * the key. It never replaces a live chain, so it adds no extra ticks.
 */
export const SIMULATION_KEY = 'delivery__simulate';

export const simulateJob = defineJob('delivery__simulate', z.object({}), {
  title: () => 'Delivery simulation: advance open deliveries one stage',
  // The next tick is already scheduled when this one runs: a retry would only double up.
  maxAttempts: 1,
});

export const simulationWatchdogJob = defineJob('delivery__simulate_watchdog', z.object({}), {
  title: () => 'Delivery simulation: make sure the tick is scheduled',
  maxAttempts: 1,
});

export type SimulationSettings = { simulation: boolean; simulationIntervalMs: number };

/** Scheduled only when the simulation is on (DELIVERY_SIMULATION). */
export const deliveryCrontab = (s: SimulationSettings) =>
  s.simulation ? [`* * * * * ${simulationWatchdogJob.name}`] : [];

async function scheduleTick(db: Db, runAt: Date) {
  await db.transaction((tx) => enqueue(tx, simulateJob, {}, { runAt, jobKey: SIMULATION_KEY }));
}

export function deliveryJobHandlers(delivery: DeliveryService, db: Db, s: SimulationSettings) {
  return [
    handle(simulateJob, async (_p, ctx) => {
      // Turned off since this tick was scheduled: let the chain end here.
      if (!s.simulation) return { skipped: 'simulation is off' };
      await scheduleTick(db, new Date(Date.now() + s.simulationIntervalMs));
      return delivery.simulate(s.simulationIntervalMs, ctx.log);
    }),
    handle(simulationWatchdogJob, async () => {
      if (!s.simulation) return { started: false };
      // Live: running, or waiting to run. A job that failed for good keeps its key but is dead:
      // enqueueing under the key then replaces it.
      const live = await db.execute(sql`
        select 1 from graphile_worker.jobs
        where key = ${SIMULATION_KEY} and (locked_at is not null or attempts < max_attempts)
        limit 1`);
      if (live.rows.length) return { started: false };
      await scheduleTick(db, new Date());
      return { started: true };
    }),
  ];
}
