import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from '../../platform/schema.js';

/**
 * A cart belongs to a user or, before sign-in, to a guest token (stored hashed). Variants and
 * stores are referred to by id: they belong to the catalog and inventory modules.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id'),
    guestTokenHash: text('guest_token_hash'),
    postalCode: text('postal_code'),
    warehouseId: uuid('warehouse_id'),
    couponCode: text('coupon_code'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('carts_user_key').on(t.userId),
    uniqueIndex('carts_guest_token_key').on(t.guestTokenHash),
    index('carts_updated_idx').on(t.updatedAt),
    check('carts_owner', sql`${t.userId} is not null or ${t.guestTokenHash} is not null`),
  ],
);

export const cartItems = pgTable(
  'cart_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('cart_items_variant_key').on(t.cartId, t.variantId),
    check('cart_items_quantity', sql`${t.quantity} between 1 and 999`),
  ],
);

export const couponKind = pgEnum('coupon_kind', ['percent', 'fixed']);

/** CART-5. `value` is a whole percent (1–100) or an amount in minor units. */
export const coupons = pgTable(
  'coupons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    description: text('description'),
    kind: couponKind('kind').notNull(),
    value: integer('value').notNull(),
    minSubtotalCents: integer('min_subtotal_cents').notNull().default(0),
    maxDiscountCents: integer('max_discount_cents'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    usageLimit: integer('usage_limit'),
    perUserLimit: integer('per_user_limit'),
    timesUsed: integer('times_used').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('coupons_code_key').on(sql`upper(${t.code})`),
    check('coupons_value', sql`${t.value} > 0 and (${t.kind} = 'fixed' or ${t.value} <= 100)`),
    check('coupons_times_used', sql`${t.usageLimit} is null or ${t.timesUsed} <= ${t.usageLimit}`),
  ],
);

/** One row per order that used a coupon; removed when that order is cancelled or expires. */
export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    couponId: uuid('coupon_id')
      .notNull()
      .references(() => coupons.id, { onDelete: 'restrict' }),
    userId: uuid('user_id').notNull(),
    orderId: uuid('order_id').notNull(),
    discountCents: integer('discount_cents').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('coupon_redemptions_order_key').on(t.orderId),
    index('coupon_redemptions_user_idx').on(t.couponId, t.userId),
  ],
);

/**
 * Sales tax by country, optionally per category (the more specific rate wins). Prices are
 * tax-exclusive; `rate_bp` is basis points (825 = 8.25%).
 */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    country: char('country', { length: 2 }).notNull(),
    categoryId: uuid('category_id'),
    name: text('name').notNull(),
    rateBp: integer('rate_bp').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('tax_rates_country_key')
      .on(t.country)
      .where(sql`${t.categoryId} is null`),
    uniqueIndex('tax_rates_category_key')
      .on(t.country, t.categoryId)
      .where(sql`${t.categoryId} is not null`),
    check('tax_rates_rate', sql`${t.rateBp} between 0 and 10000`),
  ],
);

export type CartRow = typeof carts.$inferSelect;
export type CartItemRow = typeof cartItems.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
export type TaxRateRow = typeof taxRates.$inferSelect;
