import { bigint, date, integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';

export type TopProduct = { product_id: string; name: string; units: number; revenue_cents: number };
export type CategorySales = {
  category_id: string | null;
  name: string;
  units: number;
  revenue_cents: number;
};
export type PaymentMethodSales = { method: string; orders: number; revenue_cents: number };

/**
 * One row per UTC day (JOB-8): the daily sales report, recomputed idempotently (upsert on `day`)
 * from the orders module, so a re-run for a day replaces its row instead of adding to it.
 */
export const dailySales = pgTable('daily_sales', {
  day: date('day', { mode: 'string' }).primaryKey(),
  orders: integer('orders').notNull(),
  revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull(),
  averageOrderCents: integer('average_order_cents').notNull(),
  units: integer('units').notNull(),
  topProducts: jsonb('top_products').$type<TopProduct[]>().notNull(),
  byCategory: jsonb('by_category').$type<CategorySales[]>().notNull(),
  byPaymentMethod: jsonb('by_payment_method').$type<PaymentMethodSales[]>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

export type DailySalesRow = typeof dailySales.$inferSelect;
