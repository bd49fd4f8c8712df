import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { ReportsService } from './service.js';

const day = z.iso.date('Expected a date (YYYY-MM-DD)');

/** JOB-8 analytics report: the daily sales rows for a range of UTC days (yesterday when scheduled). */
export const dailySalesJob = defineJob(
  'reports__daily_sales',
  z.object({ from: day.optional(), to: day.optional() }),
  {
    title: (p) =>
      !p.from && !p.to
        ? 'Daily sales report for yesterday'
        : p.from === p.to || !p.to
          ? `Daily sales report for ${p.from ?? p.to}`
          : `Daily sales report ${p.from} – ${p.to}`,
    maxAttempts: 5,
  },
);

export const EXPORT_ENTITIES = ['customers', 'orders', 'products', 'inventory'] as const;
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** JOB-8 data export: one entity as a CSV or JSON file, written as a stream. */
export const exportJob = defineJob(
  'reports__export',
  z.object({ entity: z.enum(EXPORT_ENTITIES), format: z.enum(EXPORT_FORMATS) }),
  { title: (p) => `Export ${p.entity} (${p.format.toUpperCase()})`, maxAttempts: 3 },
);

export const expireExportsJob = defineJob('reports__expire_exports', z.object({}), {
  title: () => 'Delete expired export files',
  maxAttempts: 3,
});

/** Scheduled on graphile-worker's crontab (JOB-6): yesterday's sales at 00:15 UTC, export expiry hourly. */
export const reportsCrontab = [`15 0 * * * ${dailySalesJob.name}`, `40 * * * * ${expireExportsJob.name}`];

export function reportsJobHandlers(reports: ReportsService) {
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return [
    handle(dailySalesJob, async (p, ctx) => {
      const to = p.to ?? p.from ?? yesterday();
      return reports.computeRange(p.from ?? to, to, ctx);
    }),
    handle(exportJob, (p, ctx) => reports.runExport(p, ctx)),
    handle(expireExportsJob, () => reports.expireExports()),
  ];
}
