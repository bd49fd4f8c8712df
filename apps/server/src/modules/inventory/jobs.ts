import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { InventoryService } from './service.js';

const alertRow = z.object({
  warehouseId: z.uuid(),
  variantId: z.uuid(),
  level: z.enum(['low', 'out']),
  available: z.number().int(),
  threshold: z.number().int(),
});
export type AlertRow = z.infer<typeof alertRow>;
export const MAX_ALERT_ROWS = 500;

/** Emails staff about stock rows that just crossed into low or out of stock (INV-6). */
export const lowStockAlertJob = defineJob(
  'inventory__low_stock_alert',
  z.object({ rows: z.array(alertRow).min(1).max(MAX_ALERT_ROWS) }),
  {
    title: (p) =>
      p.rows.length === 1
        ? `Low-stock alert: ${p.rows[0]!.level === 'out' ? 'out of stock' : 'low stock'}`
        : `Low-stock alert: ${p.rows.length} items`,
    maxAttempts: 5,
  },
);

/** Finds rows that crossed a level without passing through the service (e.g. SQL imports). */
export const lowStockCheckJob = defineJob('inventory__low_stock_check', z.object({}), {
  title: () => 'Check stock levels for low-stock alerts',
  maxAttempts: 3,
});

const syncSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    /** The parsed rows, kept in storage: a feed is too big for a job payload. */
    key: z.string(),
    format: z.enum(['csv', 'json']),
    filename: z.string().nullable(),
  }),
  z.object({ kind: z.literal('url'), url: z.url() }),
]);
export type SyncSource = z.infer<typeof syncSource>;

/** Reconciles counted stock from a feed through the adjust path; the result is the discrepancy report (INV-7). */
export const syncJob = defineJob('inventory__sync', z.object({ source: syncSource }), {
  title: (p) =>
    p.source.kind === 'url'
      ? `Inventory sync from ${new URL(p.source.url).host}`
      : `Inventory sync from ${p.source.filename ?? `an uploaded ${p.source.format.toUpperCase()} file`}`,
  maxAttempts: 3,
});

/** Scheduled on graphile-worker's crontab (JOB-6): the low-stock check every 10 minutes. */
export const inventoryCrontab = [`*/10 * * * * ${lowStockCheckJob.name}`];

export function inventoryJobHandlers(inventory: InventoryService) {
  return [
    handle(lowStockAlertJob, ({ rows }) => inventory.sendLowStockAlert(rows)),
    handle(lowStockCheckJob, () => inventory.checkLowStock()),
    handle(syncJob, ({ source }, ctx) => inventory.runSync(source, ctx)),
  ];
}
