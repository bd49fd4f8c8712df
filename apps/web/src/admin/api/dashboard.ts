import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { AdminOrderListItem } from '../types';
import { optional } from './optional';

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
    const res = await unwrap(
      api.GET('/api/v1/admin/orders', {
        params: { query: { from: from.toISOString(), per_page: 100, page } },
        signal,
      }),
    );
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
      const report = await optional(
        unwrap(
          api.GET('/api/v1/reports/sales', {
            params: { query: { from: dayKey(from), to: dayKey(new Date()) } },
            signal,
          }),
        ),
      );
      if (report) {
        for (const r of report.days) {
          const b = buckets.get(r.day.slice(0, 10));
          if (b) {
            b.orders = r.orders;
            b.revenueCents = r.revenue_cents;
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

/** How many rows a list route has (one row fetched); null when this server does not serve it. */
const useCount = (key: string, list: (signal: AbortSignal) => Promise<{ total: number }>) =>
  useQuery({
    queryKey: ['admin', 'dashboard', key],
    queryFn: async ({ signal }) => (await optional(list(signal)))?.total ?? null,
  });

export const usePendingReviews = () =>
  useCount('pending-reviews', (signal) =>
    unwrap(
      api.GET('/api/v1/admin/reviews', { params: { query: { status: 'pending', per_page: 1 } }, signal }),
    ),
  );
export const useFailedJobs = () =>
  useCount('failed-jobs', (signal) =>
    unwrap(api.GET('/api/v1/admin/jobs', { params: { query: { status: 'failed', per_page: 1 } }, signal })),
  );
export const useLowStockCount = () =>
  useCount('low-stock', (signal) =>
    unwrap(api.GET('/api/v1/admin/inventory/low-stock', { params: { query: { per_page: 1 } }, signal })),
  );

export const useRecentOrders = () =>
  useQuery({
    queryKey: ['admin', 'dashboard', 'recent-orders'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/orders', { params: { query: { per_page: 8 } }, signal })),
  });
