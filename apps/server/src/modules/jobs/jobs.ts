import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { JobsService } from './service.js';

/** Maintenance (JOB-3): forget finished jobs after a while; failed ones stay for inspection. */
export const cleanupJob = defineJob(
  'jobs__cleanup',
  z.object({ olderThanDays: z.number().int().min(1).max(3650).default(30) }),
  { title: (p) => `Delete finished jobs older than ${p.olderThanDays} days`, maxAttempts: 3 },
);

/** Maintenance: release jobs locked by worker processes that died (JOB-5). */
export const reclaimJob = defineJob('jobs__reclaim_dead_workers', z.object({}), {
  title: () => 'Release jobs held by dead workers',
  maxAttempts: 1,
});

/** Scheduled on graphile-worker's crontab (JOB-6). */
export const jobsCrontab = [
  `30 3 * * * ${cleanupJob.name} ?max=3 {"olderThanDays":30}`,
  `*/5 * * * * ${reclaimJob.name} ?max=1`,
];

export function jobsJobHandlers(jobs: JobsService) {
  return [
    handle(cleanupJob, ({ olderThanDays }) => jobs.cleanup(olderThanDays)),
    handle(reclaimJob, () => jobs.reclaimDeadWorkers()),
  ];
}
