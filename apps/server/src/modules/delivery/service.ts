import { and, asc, count, desc, eq, gt, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import { isStaff } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { publish } from '../../platform/events.js';
import { sendEmail } from '../../platform/mail.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { orderTopic, type OrderRow, type OrdersService } from '../orders/index.js';
import {
  deliveries,
  deliveryEvents,
  type DeliveryEventRow,
  type DeliveryRow,
  type DeliveryStatus,
} from './schema.js';
import { assertTransition, NEXT, OPEN, ORDER_PROGRESS, ORDER_STATUS_FOR } from './workflow.js';

/** What delivery needs from orders: lock and move an order in its transaction, check who sees it. */
export type DeliveryOrdersPort = Pick<OrdersService, 'lock' | 'units' | 'advance' | 'get' | 'setRider'>;
/** The serving dark store's timings (inventory owns warehouses). */
export type StoresPort = {
  get: (id: string, tx: DbOrTx) => Promise<{ base_eta_minutes: number; pick_minutes_per_item: number }>;
};
/** Riders and shopper contacts (identity owns users). */
export type PeoplePort = {
  getContact: (
    userId: string,
    tx?: DbOrTx,
  ) => Promise<{ email: string; firstName: string | null } | undefined>;
  activeRiders: (
    tx?: DbOrTx,
    id?: string,
  ) => Promise<{ id: string; firstName: string | null; lastName: string | null; phone: string | null }[]>;
};

const MINUTE = 60_000;

export function createDeliveryService(deps: {
  db: Db;
  orders: DeliveryOrdersPort;
  stores: StoresPort;
  people: PeoplePort;
  /** Travel time counted down once the rider leaves the store (DLV-3). */
  travelMs: number;
  publicUrl: string;
}) {
  const { db, orders, stores, people } = deps;

  // ---- ETA (DLV-3) ------------------------------------------------------------------------------

  /**
   * When the shopper can expect the order, from the moment it reaches `status`: confirmed, it is
   * the store's base time plus this order's pick time; packed, the pick time is done; out for
   * delivery, only the travel time is left. Closed deliveries have none.
   */
  function etaFrom(status: DeliveryStatus, at: Date, d: Pick<DeliveryRow, 'baseMinutes' | 'pickMinutes'>) {
    const ms =
      status === 'PLACED'
        ? (d.baseMinutes + d.pickMinutes) * MINUTE
        : status === 'PACKED'
          ? d.baseMinutes * MINUTE
          : status === 'OUT_FOR_DELIVERY'
            ? deps.travelMs
            : undefined;
    return ms === undefined ? null : new Date(at.getTime() + ms);
  }

  const minutesLeft = (etaAt: Date | null, now = Date.now()) =>
    etaAt ? Math.max(0, Math.ceil((etaAt.getTime() - now) / MINUTE)) : null;

  // ---- reading ----------------------------------------------------------------------------------

  const byOrder = async (tx: DbOrTx, orderId: string) =>
    (await tx.select().from(deliveries).where(eq(deliveries.orderId, orderId)))[0];

  async function lockDelivery(tx: DbOrTx, id: string) {
    const [row] = await tx.select().from(deliveries).where(eq(deliveries.id, id)).for('update');
    return row;
  }

  const historyOf = (tx: DbOrTx, deliveryId: string, afterSeq = 0) =>
    tx
      .select()
      .from(deliveryEvents)
      .where(and(eq(deliveryEvents.deliveryId, deliveryId), gt(deliveryEvents.seq, afterSeq)))
      .orderBy(asc(deliveryEvents.seq));

  const toEntry = (e: DeliveryEventRow) => ({
    seq: e.seq,
    type: e.kind,
    from: e.fromStatus,
    to: e.toStatus,
    rider_id: e.riderId,
    actor_id: e.actorId,
    note: e.note,
    eta_at: e.etaAt?.toISOString() ?? null,
    at: e.createdAt.toISOString(),
  });
  type Entry = ReturnType<typeof toEntry>;

  async function riderOf(tx: DbOrTx, riderId: string | null) {
    if (!riderId) return null;
    const [r] = await people.activeRiders(tx, riderId);
    // A rider suspended since the assignment still shows, without a name.
    const name = r ? [r.firstName, r.lastName ? `${r.lastName[0]}.` : null].filter(Boolean).join(' ') : '';
    return { id: riderId, name: name || 'Your rider' };
  }

  function summary(d: DeliveryRow) {
    return {
      id: d.id,
      order_id: d.orderId,
      order_number: d.orderNumber,
      user_id: d.userId,
      store_id: d.warehouseId,
      status: d.status,
      rider_id: d.riderId,
      dropoff: d.dropoff,
      units: d.units,
      eta_at: d.etaAt?.toISOString() ?? null,
      eta_minutes: minutesLeft(d.etaAt),
      status_changed_at: d.statusChangedAt.toISOString(),
      delivered_at: d.deliveredAt?.toISOString() ?? null,
      created_at: d.createdAt.toISOString(),
      updated_at: d.updatedAt.toISOString(),
    };
  }

  async function detail(tx: DbOrTx, d: DeliveryRow) {
    const history = (await historyOf(tx, d.id)).map(toEntry);
    return { ...summary(d), rider: await riderOf(tx, d.riderId), history };
  }

  /** The shopper's view of an order's delivery; before confirmation (unpaid) it has no status yet. */
  async function trackingView(tx: DbOrTx, orderId: string, d: DeliveryRow | undefined, history: Entry[]) {
    return {
      order_id: orderId,
      order_number: d?.orderNumber ?? null,
      delivery_id: d?.id ?? null,
      status: d?.status ?? null,
      eta_at: d?.etaAt?.toISOString() ?? null,
      eta_minutes: minutesLeft(d?.etaAt ?? null),
      rider: d ? await riderOf(tx, d.riderId) : null,
      dropoff: d?.dropoff ?? null,
      delivered_at: d?.deliveredAt?.toISOString() ?? null,
      history,
      last_event_id: history.at(-1)?.seq ?? null,
    };
  }

  /** Owner or staff; anyone else gets the 404 of a missing order. */
  async function visibleDelivery(actor: Actor, orderId: string) {
    const d = await byOrder(db, orderId);
    if (d) {
      if (d.userId !== actor.id && !isStaff(actor)) throw notFound('Order');
      return d;
    }
    // Not confirmed yet (or no such order): the orders module decides who may see it.
    await orders.get(actor, orderId);
    return undefined;
  }

  // ---- changing (the one path) ------------------------------------------------------------------

  async function record(
    tx: DbOrTx,
    d: DeliveryRow,
    e: {
      kind: 'status' | 'rider';
      from: DeliveryStatus | null;
      actorId: string | null;
      note?: string | null;
    },
  ) {
    const [row] = await tx
      .insert(deliveryEvents)
      .values({
        deliveryId: d.id,
        kind: e.kind,
        fromStatus: e.from,
        toStatus: d.status,
        riderId: d.riderId,
        actorId: e.actorId,
        note: e.note ?? null,
        etaAt: d.etaAt,
      })
      .returning({ seq: deliveryEvents.seq });
    // Live tracking (DLV-4): on the order's topic, next to the order's own status events; sent at commit.
    await publish(tx, {
      topic: orderTopic(d.orderId),
      type: e.kind === 'rider' ? 'rider' : 'delivery',
      data: { seq: row!.seq, status: d.status, rider_id: d.riderId, eta_at: d.etaAt?.toISOString() ?? null },
    });
  }

  /**
   * Moves a delivery whose order row the caller has locked, then the delivery row (in that order,
   * as everywhere: a cancel locks the order and then reaches the delivery through its hook). The
   * order follows in the same transaction — orders.advance also completes cash-on-delivery payments
   * and sends the order emails (DLV-6).
   */
  async function transition(
    tx: DbOrTx,
    order: OrderRow,
    d: DeliveryRow,
    to: DeliveryStatus,
    actorId: string | null,
    note?: string | null,
  ) {
    assertTransition(d.status, to);
    const orderTo = ORDER_STATUS_FOR[to];
    // The order may already be there or beyond: staff can move it directly (POST /admin/orders/{id}/status),
    // and a second attempt after FAILED finds it out for delivery. The delivery then just catches up.
    if (orderTo && ORDER_PROGRESS.indexOf(order.status) < ORDER_PROGRESS.indexOf(orderTo))
      await orders.advance(tx, order.id, orderTo, actorId, note ?? undefined);
    const now = new Date();
    const [updated] = await tx
      .update(deliveries)
      .set({
        status: to,
        etaAt: etaFrom(to, now, d),
        statusChangedAt: now,
        ...(to === 'DELIVERED' ? { deliveredAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(deliveries.id, d.id))
      .returning();
    await record(tx, updated!, { kind: 'status', from: d.status, actorId, note });
    if (to === 'FAILED') await mailFailed(tx, updated!, note);
    return updated!;
  }

  /** DLV-6: the order emails cover every stage but this one (the order stays out for delivery). */
  async function mailFailed(tx: DbOrTx, d: DeliveryRow, note?: string | null) {
    const contact = await people.getContact(d.userId, tx);
    if (!contact) return;
    await sendEmail(
      tx,
      {
        to: contact.email,
        subject: `Order ${d.orderNumber}: we could not deliver it`,
        template: 'delivery_failed',
        content: {
          heading: 'We missed you',
          paragraphs: [
            `Hi ${contact.firstName ?? 'there'},`,
            `Your rider could not hand over order ${d.orderNumber}${note ? ` (${note})` : ''}. We will be in touch to arrange another attempt.`,
          ],
          action: { label: 'Track your order', url: `${deps.publicUrl}/orders/${d.orderId}` },
        },
      },
      { userId: d.userId },
    );
  }

  /** Locks order then delivery, for a delivery id; 404 when it does not exist. */
  async function lockBoth(tx: DbOrTx, id: string) {
    const [peek] = await tx
      .select({ orderId: deliveries.orderId })
      .from(deliveries)
      .where(eq(deliveries.id, id));
    if (!peek) throw notFound('Delivery');
    const order = await orders.lock(tx, peek.orderId);
    const d = await lockDelivery(tx, id);
    if (!order || !d) throw notFound('Delivery');
    return { order, d };
  }

  /** The caller holds the order lock, then the delivery's; the order mirrors the rider. */
  async function setRider(tx: DbOrTx, d: DeliveryRow, riderId: string, actorId: string | null) {
    if (d.riderId === riderId) return d;
    await orders.setRider(tx, d.orderId, riderId);
    const [updated] = await tx
      .update(deliveries)
      .set({ riderId, updatedAt: new Date() })
      .where(eq(deliveries.id, d.id))
      .returning();
    await record(tx, updated!, {
      kind: 'rider',
      from: d.status,
      actorId,
      note: d.riderId ? 'Rider changed' : 'Rider assigned',
    });
    return updated!;
  }

  async function assign(tx: DbOrTx, d: DeliveryRow, riderId: string, actorId: string) {
    if (!OPEN.includes(d.status))
      throw conflict('DELIVERY_CLOSED', `The delivery is ${d.status}; its rider can no longer change`);
    const [rider] = await people.activeRiders(tx, riderId);
    if (!rider)
      throw unprocessable('NOT_A_RIDER', 'That user is not an active rider', [
        { field: 'rider_id', message: 'must be a user with the rider role' },
      ]);
    return setRider(tx, d, riderId, actorId);
  }

  async function list(where: SQL | undefined, page: PageParams, order: 'open-first' | 'newest') {
    const { limit, offset } = pageOffset(page);
    const rows = await db
      .select()
      .from(deliveries)
      .where(where)
      .orderBy(
        ...(order === 'open-first' ? [asc(deliveries.statusChangedAt)] : [desc(deliveries.createdAt)]),
        desc(deliveries.id),
      )
      .limit(limit)
      .offset(offset);
    const [total] = await db.select({ n: count() }).from(deliveries).where(where);
    return pageOf(rows.map(summary), total?.n ?? 0, page);
  }

  // ---- public API -------------------------------------------------------------------------------

  return {
    /** Hook: an order was confirmed (paid, or cash on delivery) — its delivery starts, PLACED. */
    async onOrderConfirmed(tx: DbOrTx, order: OrderRow) {
      const store = await stores.get(order.warehouseId, tx);
      const units = await orders.units(tx, order.id);
      const base = {
        baseMinutes: store.base_eta_minutes,
        pickMinutes: Math.ceil(store.pick_minutes_per_item * units),
      };
      const now = new Date();
      const [d] = await tx
        .insert(deliveries)
        .values({
          orderId: order.id,
          orderNumber: order.number,
          userId: order.userId,
          warehouseId: order.warehouseId,
          status: 'PLACED',
          dropoff: order.shippingAddress,
          units,
          ...base,
          etaAt: etaFrom('PLACED', now, base),
          statusChangedAt: now,
        })
        // Confirmed once per order by the workflow; never two deliveries even so.
        .onConflictDoNothing({ target: deliveries.orderId })
        .returning();
      if (d) await record(tx, d, { kind: 'status', from: null, actorId: null, note: 'Order confirmed' });
    },

    /** Hook: the order was cancelled (it can be only before it leaves the store) — close the delivery. */
    async onOrderCancelled(tx: DbOrTx, order: OrderRow) {
      const [d] = await tx.select().from(deliveries).where(eq(deliveries.orderId, order.id)).for('update');
      if (!d || d.status === 'CANCELLED') return;
      assertTransition(d.status, 'CANCELLED');
      const now = new Date();
      const [updated] = await tx
        .update(deliveries)
        .set({ status: 'CANCELLED', etaAt: null, statusChangedAt: now, updatedAt: now })
        .where(eq(deliveries.id, d.id))
        .returning();
      await record(tx, updated!, { kind: 'status', from: d.status, actorId: null, note: order.cancelReason });
    },

    // ---- shopper ----

    /** GET /orders/{id}/track: status, history, ETA and rider of my order (or any, for staff). */
    async track(actor: Actor, orderId: string) {
      const d = await visibleDelivery(actor, orderId);
      return trackingView(db, orderId, d, d ? (await historyOf(db, d.id)).map(toEntry) : []);
    },

    /** For the live stream: 404 unless the actor may watch this order. */
    async assertCanWatch(actor: Actor, orderId: string) {
      await visibleDelivery(actor, orderId);
    },

    /** The live stream's read, shared by all the order's streams (as `track`: the same for every viewer). */
    async streamState(orderId: string) {
      const d = await byOrder(db, orderId);
      return trackingView(db, orderId, d, d ? (await historyOf(db, d.id)).map(toEntry) : []);
    },

    // ---- rider ----

    async listForRider(actor: Actor, filter: { status?: DeliveryStatus; open?: boolean }, page: PageParams) {
      return list(
        and(
          eq(deliveries.riderId, actor.id),
          filter.status ? eq(deliveries.status, filter.status) : undefined,
          filter.open ? inArray(deliveries.status, OPEN) : undefined,
        ),
        page,
        'open-first',
      );
    },

    /** A rider moves one of their deliveries; anyone else's is a 404, as if it did not exist. */
    async advanceAsRider(actor: Actor, id: string, to: DeliveryStatus, note?: string) {
      return db.transaction(async (tx) => {
        const { order, d } = await lockBoth(tx, id);
        if (d.riderId !== actor.id) throw notFound('Delivery');
        return detail(tx, await transition(tx, order, d, to, actor.id, note));
      });
    },

    // ---- staff ----

    async adminList(
      filter: {
        status?: DeliveryStatus;
        riderId?: string;
        storeId?: string;
        orderId?: string;
        unassigned?: boolean;
      },
      page: PageParams,
    ) {
      return list(
        and(
          filter.status ? eq(deliveries.status, filter.status) : undefined,
          filter.riderId ? eq(deliveries.riderId, filter.riderId) : undefined,
          filter.storeId ? eq(deliveries.warehouseId, filter.storeId) : undefined,
          filter.orderId ? eq(deliveries.orderId, filter.orderId) : undefined,
          filter.unassigned ? and(inArray(deliveries.status, OPEN), isNull(deliveries.riderId)) : undefined,
        ),
        page,
        'newest',
      );
    },

    async get(id: string) {
      const [d] = await db.select().from(deliveries).where(eq(deliveries.id, id));
      if (!d) throw notFound('Delivery');
      return detail(db, d);
    },

    /** Staff assign (or reassign) a rider; the user must be an active rider (422 otherwise). */
    async assignRider(actor: Actor, id: string, riderId: string) {
      return db.transaction(async (tx) => {
        const { d } = await lockBoth(tx, id);
        return detail(tx, await assign(tx, d, riderId, actor.id));
      });
    },

    /** The orders module's hook: staff set the rider on the order (which is locked already). */
    async onRiderAssigned(tx: DbOrTx, order: OrderRow, riderId: string, actorId: string) {
      const [peek] = await tx
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(eq(deliveries.orderId, order.id));
      const d = peek ? await lockDelivery(tx, peek.id) : undefined;
      if (!d)
        throw conflict(
          'NO_DELIVERY',
          'The order has no delivery yet: riders are assigned once it is confirmed',
        );
      await assign(tx, d, riderId, actorId);
    },

    /**
     * Staff set any status the workflow allows. CANCELLED cancels the order (stock back, refund,
     * email), whose hook then closes the delivery — one path for every cancellation.
     */
    async setStatus(actor: Actor, id: string, to: DeliveryStatus, note?: string) {
      return db.transaction(async (tx) => {
        const { order, d } = await lockBoth(tx, id);
        if (to === 'CANCELLED') {
          assertTransition(d.status, to);
          await orders.advance(tx, order.id, 'cancelled', actor.id, note ?? 'Cancelled by staff');
          return detail(tx, (await lockDelivery(tx, id))!);
        }
        return detail(tx, await transition(tx, order, d, to, actor.id, note));
      });
    },

    // ---- simulation (DLV-5) ----

    /**
     * Moves every open delivery that has sat in its stage for at least half an interval one stage
     * on, with a simulated rider (the oldest active rider account; the demo seeds one). Called once
     * per interval, so each delivery moves about once per interval and never twice in one tick.
     * Each delivery in its own transaction: one that cannot move (its order changed under it) is
     * logged and skipped, the rest go on.
     */
    async simulate(intervalMs: number, log?: { warn: (obj: object, msg: string) => void }) {
      const before = new Date(Date.now() - intervalMs / 2);
      const due = await db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            inArray(deliveries.status, ['PLACED', 'PACKED', 'OUT_FOR_DELIVERY']),
            lte(deliveries.statusChangedAt, before),
          ),
        )
        .orderBy(asc(deliveries.statusChangedAt))
        .limit(500);
      const [rider] = await people.activeRiders(db);
      let advanced = 0;
      for (const { id } of due) {
        try {
          await db.transaction(async (tx) => {
            const { order, d } = await lockBoth(tx, id);
            const next = NEXT[d.status];
            // Moved by someone else since we looked: leave it for the next tick.
            if (!next || d.statusChangedAt > before) return;
            const withRider = rider && !d.riderId ? await setRider(tx, d, rider.id, null) : d;
            await transition(tx, order, withRider, next, withRider.riderId, 'Simulated');
            advanced += 1;
          });
        } catch (err) {
          log?.warn({ err, deliveryId: id }, 'delivery simulation: could not advance');
        }
      }
      return { due: due.length, advanced };
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
export type TrackingView = Awaited<ReturnType<DeliveryService['track']>>;
