import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { AdminOrderListItem } from '../types';
import { optionalApi } from './optional';

/** Orders that brought in money (not unpaid, cancelled or refunded). */
const COUNTS_AS_SALE = new Set([
  'confirmed',
  'packed',
  'out_for_delivery',
  'delivered',
  'partially_refunded',
]);

export const startOfDay = (d = new Date()) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
export const dayKey = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Every order since `from`, up to `maxPages` pages of 100 (`complete` says whether that was all). */
async function ordersSince(from: Date, signal: AbortSignal, maxPages: number) {
  const items: AdminOrderListItem[] = [];
  let total = 0;
  for (let page = 1; page <= maxPages; page++) {
    const res = await api<Page<AdminOrderListItem>>('/admin/orders', {
      signal,
      query: { from: from.toISOString(), per_page: 100, page },
    });
    items.push(...res.items);
    total = res.total;
    if (page >= res.total_pages) break;
  }
  return { items, total, complete: items.length >= total };
}

export type TodayStats = {
  orders: number;
  sales: number;
  revenueCents: number;
  aovCents: number | null;
  currency: string;
  complete: boolean;
};

export const useTodayStats = () =>
  useQuery({
    queryKey: ['admin', 'dashboard', 'today'],
    refetchInterval: 60_000,
    queryFn: async ({ signal }): Promise<TodayStats> => {
      const { items, total, complete } = await ordersSince(startOfDay(), signal, 10);
      const sales = items.filter((o) => COUNTS_AS_SALE.has(o.status));
      const revenueCents = sales.reduce((n, o) => n + o.totals.total_cents - o.refunded_cents, 0);
      return {
        orders: total,
        sales: sales.length,
        revenueCents,
        aovCents: sales.length ? Math.round(revenueCents / sales.length) : null,
        currency: items[0]?.currency ?? 'USD',
        complete,
      };
    },
  });

export type SalesPoint = { day: string; orders: number; revenueCents: number };
export type SalesSeries = { source: 'reports' | 'orders'; points: SalesPoint[]; complete: boolean };

type ReportRow = {
  day?: string;
  date?: string;
  orders?: number;
  revenue_cents?: number;
};

/** Reads the rows of the reports API's daily sales, whichever envelope it uses. */
function reportRows(body: unknown): ReportRow[] | null {
  if (Array.isArray(body)) return body as ReportRow[];
  if (body && typeof body === 'object')
    for (const key of ['days', 'items', 'rows', 'series', 'daily'])
      if (Array.isArray((body as Record<string, unknown>)[key]))
        return (body as Record<string, ReportRow[]>)[key]!;
  return null;
}

/**
 * Daily sales for the last `days` days: from the reports API (daily_sales, computed by a job)
 * when the server has it, otherwise added up from the orders themselves.
 */
export const useSalesSeries = (days = 14) =>
  useQuery({
    queryKey: ['admin', 'dashboard', 'sales', days],
    queryFn: async ({ signal }): Promise<SalesSeries> => {
      const from = startOfDay(new Date(Date.now() - (days - 1) * 86_400_000));
      const buckets = new Map<string, SalesPoint>();
      for (let i = 0; i < days; i++) {
        const key = dayKey(new Date(from.getTime() + i * 86_400_000 + 3_600_000));
        buckets.set(key, { day: key, orders: 0, revenueCents: 0 });
      }
      const report = await optionalApi<unknown>('/reports/sales', {
        signal,
        query: { from: dayKey(from), to: dayKey(new Date()) },
      });
      const rows = report === null ? null : reportRows(report);
      if (rows) {
        for (const r of rows) {
          const key = (r.day ?? r.date ?? '').slice(0, 10);
          const b = buckets.get(key);
          if (b) {
            b.orders = r.orders ?? 0;
            b.revenueCents = r.revenue_cents ?? 0;
          }
        }
        return { source: 'reports', points: [...buckets.values()], complete: true };
      }
      const { items, complete } = await ordersSince(from, signal, 5);
      for (const o of items) {
        if (!COUNTS_AS_SALE.has(o.status)) continue;
        const b = buckets.get(dayKey(new Date(o.created_at)));
        if (b) {
          b.orders += 1;
          b.revenueCents += o.totals.total_cents - o.refunded_cents;
        }
      }
      return { source: 'orders', points: [...buckets.values()], complete };
    },
  });

export const useCount = (key: string, path: string, query: Record<string, string>) =>
  useQuery({
    queryKey: ['admin', 'dashboard', key],
    queryFn: async ({ signal }) => {
      const res = await optionalApi<Page<unknown>>(path, { signal, query: { ...query, per_page: '1' } });
      return res ? res.total : null;
    },
  });

export const usePendingReviews = () => useCount('pending-reviews', '/admin/reviews', { status: 'pending' });
export const useFailedJobs = () => useCount('failed-jobs', '/admin/jobs', { status: 'failed' });
export const useLowStockCount = () => useCount('low-stock', '/admin/inventory/low-stock', {});

export const useRecentOrders = () =>
  useQuery({
    queryKey: ['admin', 'dashboard', 'recent-orders'],
    queryFn: ({ signal }) =>
      api<Page<AdminOrderListItem>>('/admin/orders', { signal, query: { per_page: 8 } }),
  });
