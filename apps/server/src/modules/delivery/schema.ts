import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from '../../platform/schema.js';
import type { AddressSnapshot } from '../orders/index.js';

/** DLV-1. The allowed moves between these live in one table in workflow.ts. */
export const deliveryStatus = pgEnum('delivery_status', [
  'PLACED',
  'PACKED',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'FAILED',
  'CANCELLED',
]);

/** What the rider needs at the door: a copy of the order's shipping address when it was confirmed. */
export type Dropoff = AddressSnapshot;

/**
 * One delivery per confirmed order (the order id is unique here). The delivery keeps its own copies
 * of what it needs (shopper, store, number, address, units) so tracking never reads the orders tables.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    /** The shopper: tracking is theirs (and staff's) to read. */
    userId: uuid('user_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    status: deliveryStatus('status').notNull().default('PLACED'),
    riderId: uuid('rider_id'),
    dropoff: jsonb('dropoff').$type<Dropoff>().notNull(),
    units: integer('units').notNull(),
    /** DLV-3 inputs, fixed when the delivery starts: the store's base time and this order's pick time. */
    baseMinutes: integer('base_minutes').notNull(),
    pickMinutes: integer('pick_minutes').notNull(),
    /** Recomputed at every stage; null once the delivery is closed. */
    etaAt: timestamp('eta_at', { withTimezone: true }),
    /** When the status last changed (the simulation paces itself by it). */
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('deliveries_order_key').on(t.orderId),
    index('deliveries_status_idx').on(t.status, t.createdAt),
    index('deliveries_rider_idx').on(t.riderId, t.status),
    index('deliveries_user_idx').on(t.userId),
  ],
);

export const deliveryEventKind = pgEnum('delivery_event_kind', ['status', 'rider']);

/**
 * The append-only history (DLV-1): every transition and rider assignment, with its actor. `seq`
 * is global and increasing, so it doubles as the server-sent event id: a reconnect with
 * Last-Event-ID: n replays the rows after n.
 */
export const deliveryEvents = pgTable(
  'delivery_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    kind: deliveryEventKind('kind').notNull(),
    fromStatus: deliveryStatus('from_status'),
    toStatus: deliveryStatus('to_status').notNull(),
    riderId: uuid('rider_id'),
    actorId: uuid('actor_id'),
    note: text('note'),
    etaAt: timestamp('eta_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('delivery_events_delivery_idx').on(t.deliveryId, t.seq)],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryEventRow = typeof deliveryEvents.$inferSelect;
export type DeliveryStatus = (typeof deliveryStatus.enumValues)[number];
