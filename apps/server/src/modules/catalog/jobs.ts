import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { CatalogService } from './service.js';

/** Co-purchase counts over recent orders; supplied by the orders module (none until it lands). */
export type OrderHistoryPort = {
  coPurchases: (sinceDays: number) => Promise<{ productId: string; otherId: string; orders: number }[]>;
};

export const refreshRankingsJob = defineJob('catalog__refresh_rankings', z.object({}), {
  title: () => 'Refresh product popularity rankings',
  maxAttempts: 3,
});

export const refreshRecommendationsJob = defineJob('catalog__refresh_recommendations', z.object({}), {
  title: () => 'Refresh "frequently bought together"',
  maxAttempts: 3,
});

/** Scheduled on graphile-worker's crontab (JOB-6): rankings every 15 minutes, pairs hourly. */
export const catalogCrontab = [
  `*/15 * * * * ${refreshRankingsJob.name}`,
  `7 * * * * ${refreshRecommendationsJob.name}`,
];

export function catalogJobHandlers(catalog: CatalogService, orders: OrderHistoryPort) {
  return [
    handle(refreshRankingsJob, async () => {
      await catalog.flushViews();
      await catalog.refreshRankings();
      return { refreshed: true };
    }),
    handle(refreshRecommendationsJob, async (_payload, ctx) => {
      await ctx.progress(10, 'Counting products bought together');
      const pairs = await orders.coPurchases(90);
      return catalog.refreshRecommendations(pairs);
    }),
  ];
}
