import { z } from 'zod';
import { starter, type JobStarter } from '../jobs/index.js';
import { dailySalesJob, EXPORT_ENTITIES, EXPORT_FORMATS, exportJob } from './jobs.js';
import type { ReportsService } from './service.js';

const day = z.iso.date('Expected a date (YYYY-MM-DD)');

/** What admins can start through `POST /admin/jobs` from this module. */
export function reportsJobStarters(reports: ReportsService): JobStarter[] {
  return [
    starter({
      type: dailySalesJob.name,
      audience: 'admin',
      summary: 'Daily sales report for a range of days (params from, to; default yesterday)',
      params: z.strictObject({ from: day.optional(), to: day.optional() }),
      start: (actor, p) => reports.startDailySales(actor, p),
    }),
    starter({
      type: exportJob.name,
      audience: 'admin',
      summary: `Export ${EXPORT_ENTITIES.join(', ')} as ${EXPORT_FORMATS.join(' or ')}; download with GET /exports/{job_id}`,
      params: z.strictObject({ entity: z.enum(EXPORT_ENTITIES), format: z.enum(EXPORT_FORMATS) }),
      start: (actor, p) => reports.startExport(actor, p),
    }),
  ];
}
