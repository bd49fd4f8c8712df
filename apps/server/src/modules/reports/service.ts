import { createHmac, timingSafeEqual } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { enqueue, getJob, type JobContext } from '../../platform/queue.js';
import { jobs } from '../../platform/schema.js';
import type { Storage } from '../../platform/storage.js';
import type { CatalogService } from '../catalog/index.js';
import type { IdentityService } from '../identity/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { OrdersService } from '../orders/index.js';
import { dailySalesJob, exportJob, EXPORT_ENTITIES, type ExportEntity, type ExportFormat } from './jobs.js';
import { dailySales, type CategorySales, type DailySalesRow } from './schema.js';

/** Export files are kept this long after they are written, then deleted by the expiry job. */
export const EXPORT_TTL_MS = 24 * 3_600_000;
/** A download link works this long after it was handed out. */
export const DOWNLOAD_LINK_TTL_MS = 15 * 60_000;
/** Rows read per keyset page while exporting: memory stays flat whatever the table size. */
const BATCH = 1000;
/** Missing days a report request computes inline; longer gaps go through the job. */
const MAX_INLINE_DAYS = 62;
const MAX_RANGE_DAYS = 366;
const TOP_PRODUCTS = 10;

const DAY_MS = 86_400_000;
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
export const yesterday = () => addDays(isoDay(new Date()), -1);

export function daysBetween(from: string, to: string) {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export type ExportResult = {
  file: string;
  filename: string;
  entity: ExportEntity;
  format: ExportFormat;
  content_type: string;
  rows: number;
  bytes: number;
  expires_at: string;
  expired?: boolean;
};

type Row = Record<string, unknown>;

export function createReportsService(deps: {
  db: Db;
  storage: Storage;
  /** HMAC key material for download links (derived, so it signs nothing else). */
  secret: string;
  orders: Pick<OrdersService, 'salesForDay' | 'exportPage'>;
  catalog: Pick<CatalogService, 'categoriesOf' | 'exportPage'>;
  identity: Pick<IdentityService, 'customersExportPage'>;
  inventory: Pick<InventoryService, 'stockExportPage'>;
}) {
  const { db, storage } = deps;
  const signingKey = createHmac('sha256', deps.secret).update('cartwheel:export-links').digest();

  // ---- daily sales (JOB-8) ---------------------------------------------------------------------

  /** Computes one UTC day from the orders module and stores it (replacing any earlier run). */
  async function computeDay(day: string, opts: { store: boolean } = { store: true }) {
    const sales = await deps.orders.salesForDay(day);
    const products = sales.byProduct;
    const categories = await deps.catalog.categoriesOf(products.map((p) => p.product_id));
    const categoryOf = new Map(categories.map((c) => [c.productId, c]));
    const byCategory = new Map<string, CategorySales>();
    for (const p of products) {
      const c = categoryOf.get(p.product_id);
      const key = c?.categoryId ?? 'none';
      const entry = byCategory.get(key) ?? {
        category_id: c?.categoryId ?? null,
        name: c?.categoryName ?? 'Uncategorised',
        units: 0,
        revenue_cents: 0,
      };
      entry.units += p.units;
      entry.revenue_cents += p.revenue_cents;
      byCategory.set(key, entry);
    }
    const orders = sales.byPaymentMethod.reduce((n, m) => n + m.orders, 0);
    const revenue = sales.byPaymentMethod.reduce((n, m) => n + m.revenue_cents, 0);
    const row = {
      day,
      orders,
      revenueCents: revenue,
      averageOrderCents: orders ? Math.round(revenue / orders) : 0,
      units: products.reduce((n, p) => n + p.units, 0),
      topProducts: products.slice(0, TOP_PRODUCTS).map((p) => ({
        product_id: p.product_id,
        name: p.name,
        units: p.units,
        revenue_cents: p.revenue_cents,
      })),
      byCategory: [...byCategory.values()].sort((a, b) => b.revenue_cents - a.revenue_cents),
      byPaymentMethod: sales.byPaymentMethod.map((m) => ({
        method: m.method,
        orders: m.orders,
        revenue_cents: m.revenue_cents,
      })),
      computedAt: new Date(),
    };
    if (opts.store)
      await db
        .insert(dailySales)
        .values(row)
        .onConflictDoUpdate({
          target: dailySales.day,
          set: {
            orders: row.orders,
            revenueCents: row.revenueCents,
            averageOrderCents: row.averageOrderCents,
            units: row.units,
            topProducts: row.topProducts,
            byCategory: row.byCategory,
            byPaymentMethod: row.byPaymentMethod,
            computedAt: row.computedAt,
          },
        });
    return row;
  }

  function checkRange(from: string, to: string, fields = { from: 'querystring.from', to: 'querystring.to' }) {
    if (to < from) throw invalid(fields.to, 'Must not be before from');
    if (daysBetween(from, to).length > MAX_RANGE_DAYS)
      throw invalid(fields.to, `At most ${MAX_RANGE_DAYS} days`);
    if (from > isoDay(new Date())) throw invalid(fields.from, 'Must not be in the future');
  }

  const toDay = (r: Pick<DailySalesRow, keyof DailySalesRow>, partial: boolean) => ({
    day: r.day,
    orders: r.orders,
    revenue_cents: r.revenueCents,
    average_order_cents: r.averageOrderCents,
    units: r.units,
    top_products: r.topProducts,
    by_category: r.byCategory,
    by_payment_method: r.byPaymentMethod,
    computed_at: r.computedAt.toISOString(),
    partial,
  });

  // ---- exports (JOB-8) -------------------------------------------------------------------------

  /** Every row of an entity, page by page (keyset): one page in memory at a time. */
  async function* rowsOf(entity: ExportEntity): AsyncGenerator<{ row: Row; position: number }> {
    // Ids are random UUIDs: how far the last id is through the id space estimates progress.
    const position = (id: string) => Number.parseInt(id.slice(0, 8), 16) / 0xffffffff;
    if (entity === 'inventory') {
      let after: { warehouseId: string; variantId: string } | null = null;
      for (;;) {
        const page = await deps.inventory.stockExportPage(after, BATCH);
        for (const r of page) yield { row: r, position: position(r.warehouse_id) };
        if (page.length < BATCH) return;
        const last = page[page.length - 1]!;
        after = { warehouseId: last.warehouse_id, variantId: last.variant_id };
      }
    }
    const read: (after: string | null, n: number) => Promise<Row[]> =
      entity === 'customers'
        ? deps.identity.customersExportPage
        : entity === 'orders'
          ? deps.orders.exportPage
          : deps.catalog.exportPage;
    let after: string | null = null;
    for (;;) {
      const page = await read(after, BATCH);
      for (const r of page) yield { row: r, position: position(r.id as string) };
      if (page.length < BATCH) return;
      after = page[page.length - 1]!.id as string;
    }
  }

  /** Writes the export file as rows arrive; returns what the job reports as its result. */
  async function runExport(
    p: { entity: ExportEntity; format: ExportFormat },
    ctx: Pick<JobContext, 'jobId' | 'progress'>,
  ): Promise<ExportResult> {
    const key = `exports/reports/${ctx.jobId}.${p.format}`;
    let rows = 0;
    let bytes = 0;
    let lastProgress = 0;
    await ctx.progress(1, `Exporting ${p.entity}`);
    async function* lines() {
      let header: string[] | undefined;
      if (p.format === 'json') yield '[\n';
      for await (const { row, position } of rowsOf(p.entity)) {
        if (p.format === 'csv') {
          if (!header) {
            header = Object.keys(row);
            yield `${header.map(csvCell).join(',')}\r\n`;
          }
          yield `${header.map((h) => csvCell(row[h])).join(',')}\r\n`;
        } else {
          yield `${rows ? ',\n' : ''}${JSON.stringify(row)}`;
        }
        rows++;
        if (rows % BATCH === 0) {
          // Also the cancellation check-in: a cancelled export stops here.
          const pct = Math.max(lastProgress, Math.min(99, Math.floor(position * 100)));
          lastProgress = pct;
          await ctx.progress(pct, `${rows} rows written`);
        }
      }
      if (p.format === 'json') yield '\n]\n';
    }
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.from(lines()), count, await storage.writeStream(key));
    } catch (err) {
      // A half-written file must not be left behind (the retry writes it again from the start).
      await storage.remove(key).catch(() => {});
      throw err;
    }
    await ctx.progress(100, `${rows} rows written`);
    return {
      file: key,
      filename: `cartwheel-${p.entity}-${isoDay(new Date())}.${p.format}`,
      entity: p.entity,
      format: p.format,
      content_type: p.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      rows,
      bytes,
      expires_at: new Date(Date.now() + EXPORT_TTL_MS).toISOString(),
    };
  }

  const sign = (id: string, expires: number) =>
    createHmac('sha256', signingKey).update(`${id}.${expires}`).digest('base64url');

  async function exportJobOf(id: string) {
    const job = await getJob(db, id);
    if (!job || job.type !== exportJob.name) return undefined;
    return job;
  }

  return {
    computeDay,

    /** The job: every day of a range, in order, with progress. */
    async computeRange(from: string, to: string, ctx?: Pick<JobContext, 'progress'>) {
      const days = daysBetween(from, to);
      for (const [i, day] of days.entries()) {
        await computeDay(day);
        await ctx?.progress(((i + 1) / days.length) * 100, `${day} done`);
      }
      return { from, to, days: days.length };
    },

    /** Starts the report job for a range (admins; also the nightly run for yesterday). */
    async startDailySales(actor: Actor, range: { from?: string; to?: string }) {
      const to = range.to ?? range.from ?? yesterday();
      const from = range.from ?? to;
      checkRange(from, to, { from: 'body.params.from', to: 'body.params.to' });
      return enqueue(db, dailySalesJob, { from, to }, { userId: actor.id });
    },

    /**
     * The series for charts. Stored days are read; days before today that are missing are computed
     * now (up to MAX_INLINE_DAYS) and stored; today is computed live and marked partial.
     */
    async salesSeries(from: string, to: string) {
      checkRange(from, to);
      const today = isoDay(new Date());
      const stored = await db
        .select()
        .from(dailySales)
        .where(between(dailySales.day, from, to))
        .orderBy(asc(dailySales.day));
      const byDay = new Map(stored.map((r) => [r.day, r]));
      const wanted = daysBetween(from, to > today ? today : to);
      const missing = wanted.filter((d) => d < today && !byDay.has(d));
      const computeNow = missing.slice(0, MAX_INLINE_DAYS);
      for (const day of computeNow) byDay.set(day, { ...(await computeDay(day)) });
      const days = [];
      for (const day of wanted) {
        if (day === today) days.push(toDay(await computeDay(day, { store: false }), true));
        else {
          const row = byDay.get(day);
          if (row) days.push(toDay(row, false));
        }
      }
      const orders = days.reduce((n, d) => n + d.orders, 0);
      const revenue = days.reduce((n, d) => n + d.revenue_cents, 0);
      return {
        from,
        to,
        days,
        totals: {
          orders,
          revenue_cents: revenue,
          average_order_cents: orders ? Math.round(revenue / orders) : 0,
          units: days.reduce((n, d) => n + d.units, 0),
        },
        computed_now: computeNow,
        missing: missing.slice(MAX_INLINE_DAYS),
      };
    },

    runExport,

    async startExport(actor: Actor, p: { entity: ExportEntity; format: ExportFormat }) {
      return enqueue(db, exportJob, p, { userId: actor.id });
    },

    /** A short-lived signed download link for the requester of a finished export. */
    async downloadLink(actor: Actor, id: string, now = Date.now()) {
      const job = await exportJobOf(id);
      if (!job || job.userId !== actor.id) throw notFound('Export');
      if (job.status !== 'completed')
        throw conflict('EXPORT_NOT_READY', `The export is ${job.status}; try again when it has completed`);
      const result = job.result as ExportResult;
      if (result.expired || Date.parse(result.expires_at) <= now) throw exportGone();
      const expires = Math.floor((now + DOWNLOAD_LINK_TTL_MS) / 1000);
      return {
        job_id: id,
        filename: result.filename,
        rows: result.rows,
        bytes: result.bytes,
        file_expires_at: result.expires_at,
        link_expires_at: new Date(expires * 1000).toISOString(),
        download_url: `/api/v1/exports/${id}/download?expires=${expires}&signature=${sign(id, expires)}`,
      };
    },

    /** Checks a download link (signature first, then expiry) and opens the file. */
    async openDownload(id: string, expires: number, signature: string, now = Date.now()) {
      const expected = Buffer.from(sign(id, expires));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        throw forbidden('The download link is not valid');
      if (expires * 1000 <= now)
        throw new AppError(410, 'LINK_EXPIRED', 'The download link has expired; ask for a new one');
      const job = await exportJobOf(id);
      if (!job || job.status !== 'completed') throw notFound('Export');
      const result = job.result as ExportResult;
      if (result.expired || !(await storage.exists(result.file))) throw exportGone();
      return { stream: await storage.read(result.file), result };
    },

    /** Deletes export files past their expiry (scheduled hourly); the job row remembers it expired. */
    async expireExports(now = new Date()) {
      const due = await db
        .select({ id: jobs.id, result: jobs.result })
        .from(jobs)
        .where(
          and(
            eq(jobs.type, exportJob.name),
            eq(jobs.status, 'completed'),
            sql`${jobs.result}->>'file' is not null`,
            sql`coalesce((${jobs.result}->>'expired')::boolean, false) = false`,
            sql`(${jobs.result}->>'expires_at')::timestamptz <= ${now.toISOString()}::timestamptz`,
          ),
        );
      for (const j of due) {
        await storage.remove((j.result as ExportResult).file);
        await db
          .update(jobs)
          .set({ result: sql`${jobs.result} || '{"expired": true}'::jsonb` })
          .where(eq(jobs.id, j.id));
      }
      return { expired: due.length };
    },

    entities: EXPORT_ENTITIES,
  };
}

const exportGone = () =>
  new AppError(410, 'EXPORT_EXPIRED', 'The export file has expired; start a new export');

/** RFC 4180 cell; text that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (v instanceof Date) s = v.toISOString();
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type ReportsService = ReturnType<typeof createReportsService>;
