import { z } from 'zod';
import { enqueue } from '../../platform/queue.js';
import type { Db } from '../../platform/db.js';
import type { IdentityService } from '../identity/index.js';
import type { InventoryService } from '../inventory/index.js';
import { cleanupJob } from './jobs.js';
import { starter, type JobStarter } from './service.js';

/**
 * Job types `POST /jobs` and `POST /admin/jobs` can start that belong to modules without a
 * starter of their own. Each goes through its module's service, so that module's checks apply.
 */
export function platformJobStarters(deps: {
  db: Db;
  identity: Pick<IdentityService, 'requestDataExport'>;
  inventory: Pick<InventoryService, 'startSync'>;
}): JobStarter[] {
  return [
    starter({
      type: 'identity__export_data',
      audience: 'user',
      summary: 'Export my data (GDPR): one JSON document, downloadable from /auth/me/export/{job_id}',
      params: z.strictObject({}),
      start: (actor, _params, meta) => deps.identity.requestDataExport(actor, meta),
    }),
    starter({
      type: 'inventory__sync',
      audience: 'admin',
      summary:
        'Reconcile stock with a feed URL on an allowed host (file uploads: POST /admin/inventory/sync)',
      params: z.strictObject({ url: z.string().trim().min(1, 'Required').max(2000) }),
      start: (actor, { url }) => deps.inventory.startSync(actor, { url }),
    }),
    starter({
      type: cleanupJob.name,
      audience: 'admin',
      summary: 'Delete completed and cancelled jobs older than N days (failed ones are kept)',
      params: z.strictObject({ older_than_days: z.number().int().min(1).max(3650).default(30) }),
      start: (actor, p) =>
        enqueue(deps.db, cleanupJob, { olderThanDays: p.older_than_days }, { userId: actor.id }),
    }),
  ];
}
