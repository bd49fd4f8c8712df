import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from '../../platform/schema.js';

export type WarehouseAddress = { line1: string; city: string; postal_code: string; country: string };
/** Day (mon…sun) → [opens, closes] as "HH:MM"; a missing day is closed. */
export type OpeningHours = Partial<Record<string, [string, string]>>;

/** Dark stores: each serves a set of postal codes. */
export const warehouses = pgTable(
  'warehouses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: jsonb('address').$type<WarehouseAddress>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** Normalised: upper-case, no spaces. */
    servicePostalCodes: text('service_postal_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull().default({}),
    baseEtaMinutes: integer('base_eta_minutes').notNull().default(10),
    pickMinutesPerItem: real('pick_minutes_per_item').notNull().default(0.5),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('warehouses_code_key').on(t.code),
    index('warehouses_postal_codes_idx').using('gin', t.servicePostalCodes),
  ],
);

/**
 * The last low-stock level staff were alerted about for a stock row (INV-6). Set when available
 * drops into a worse level (an alert is sent), lowered without an alert when stock recovers; so
 * staff hear once per crossing, not once per sale.
 */
export const alertState = pgEnum('stock_alert_state', ['none', 'low', 'out']);

/**
 * Stock of one catalog variant (referred to by id: no foreign key across modules) in one warehouse.
 * available = on_hand − reserved. Changed only by the inventory service, with a movement per change.
 */
export const stockLevels = pgTable(
  'stock_levels',
  {
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    variantId: uuid('variant_id').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    committed: integer('committed').notNull().default(0),
    lowStockThreshold: integer('low_stock_threshold').notNull().default(5),
    reorderPoint: integer('reorder_point').notNull().default(10),
    maxLevel: integer('max_level'),
    backorderAllowed: boolean('backorder_allowed').notNull().default(false),
    binLocation: text('bin_location'),
    /** Optional purchase cost per unit (minor units), for the value-at-cost report. */
    unitCostCents: integer('unit_cost_cents'),
    alertState: alertState('alert_state').notNull().default('none'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.variantId] }),
    index('stock_levels_variant_idx').on(t.variantId),
    check('stock_levels_on_hand_nonneg', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_nonneg', sql`${t.reserved} >= 0`),
    check('stock_levels_committed_nonneg', sql`${t.committed} >= 0`),
    check('stock_levels_reserved_le_on_hand', sql`${t.backorderAllowed} or ${t.reserved} <= ${t.onHand}`),
    check('stock_levels_unit_cost_nonneg', sql`${t.unitCostCents} >= 0`),
  ],
);

export const movementType = pgEnum('stock_movement_type', [
  'restock',
  'sale',
  'return',
  'adjustment',
  'reservation',
  'release',
  'commit',
  'transfer_in',
  'transfer_out',
]);

/**
 * Append-only ledger. `quantity` is the signed delta of the quantity the type moves: on_hand for
 * restock, sale, return, adjustment, transfer_in/out; reserved for reservation and release.
 * A `sale` (commit on payment) moves both: on_hand −q and reserved −q; before/after carry both.
 * Reconciliation uses the before/after pairs: Σ(after − before) per row equals current stock.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    variantId: uuid('variant_id').notNull(),
    type: movementType('type').notNull(),
    quantity: integer('quantity').notNull(),
    onHandBefore: integer('on_hand_before').notNull(),
    onHandAfter: integer('on_hand_after').notNull(),
    reservedBefore: integer('reserved_before').notNull(),
    reservedAfter: integer('reserved_after').notNull(),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    actorId: uuid('actor_id'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_row_idx').on(t.warehouseId, t.variantId, t.createdAt),
    index('stock_movements_created_idx').on(t.createdAt),
  ],
);

export type WarehouseRow = typeof warehouses.$inferSelect;
export type StockLevelRow = typeof stockLevels.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;
