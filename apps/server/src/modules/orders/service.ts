import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  lt,
  lte,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import { isStaff } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors.js';
import { publish } from '../../platform/events.js';
import { claimIdempotencyKey } from '../../platform/idempotency.js';
import { sendEmail } from '../../platform/mail.js';
import { formatMoney } from '../../platform/money.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { enqueue } from '../../platform/queue.js';
import type { CartService } from '../cart/index.js';
import type { SalePort } from '../catalog/index.js';
import type { InventoryService, StockItem } from '../inventory/index.js';
import { toPayment, type CardInput, type PaymentsService, type PaymentView } from '../payments/index.js';
import { processOrderJob } from './jobs.js';
import {
  orderEvents,
  orderItems,
  orderNotes,
  orders,
  type AddressSnapshot,
  type OrderEventRow,
  type OrderItemRow,
  type OrderRow,
  type OrderStatus,
} from './schema.js';
import { assertTransition, CANCELLABLE } from './workflow.js';

export const orderTopic = (orderId: string) => `order:${orderId}`;

type BookAddress = AddressSnapshot & {
  id: string;
  is_default_shipping: boolean;
  is_default_billing: boolean;
};
type Contact = { email: string; firstName: string | null; createdAt: Date };

/** The address book as orders need it (identity owns it). */
export type AddressPort = {
  getAddress: (actor: Actor, id: string) => Promise<BookAddress>;
  listAddresses: (actor: Actor) => Promise<BookAddress[]>;
  getContact: (userId: string, tx?: DbOrTx) => Promise<Contact | undefined>;
};

/**
 * What checkout hands a status change so it reads nothing again and answers from the rows it wrote
 * (OPS-9): the order's stock items, its user's contact (null: none), a list collecting the events
 * written, and the order's 'placed' event, written in one statement with the change's own.
 */
type InHand = {
  items?: StockItem[];
  contact?: Contact | null;
  events?: OrderEventRow[];
  placed?: { actorId: string; note: string };
};

/**
 * Other modules react to order events inside the same transaction (the delivery module creates
 * its record when an order is confirmed and closes it when the order is cancelled).
 */
export type OrderHooks = {
  confirmed?: (tx: DbOrTx, order: OrderRow) => Promise<void>;
  cancelled?: (tx: DbOrTx, order: OrderRow) => Promise<void>;
  /** Staff chose a rider on the order: the delivery (which owns riders) checks and records it. */
  riderAssigned?: (tx: DbOrTx, order: OrderRow, riderId: string, actorId: string) => Promise<void>;
};

export type CheckoutInput = {
  shippingAddressId?: string;
  billingAddressId?: string;
  paymentMethod: string;
  card?: CardInput;
  /** A provider token (Stripe payment method, approved PayPal order) instead of card details. */
  paymentToken?: string;
  /** The shopper's IP, for fraud velocity rules. */
  ip?: string;
  note?: string;
};

const SYSTEM = null;

export function createOrdersService(deps: {
  db: Db;
  cart: CartService;
  sale: SalePort;
  inventory: InventoryService;
  payments: PaymentsService;
  addresses: AddressPort;
  paymentTtlMs: number;
  publicUrl: string;
}) {
  const { db, cart, inventory, payments, addresses } = deps;
  const hooks: Required<{ [K in keyof OrderHooks]: NonNullable<OrderHooks[K]>[] }> = {
    confirmed: [],
    cancelled: [],
    riderAssigned: [],
  };

  // ---- reading ----------------------------------------------------------------------------------

  const itemsOf = (tx: DbOrTx, orderIds: string[]) =>
    orderIds.length
      ? tx
          .select()
          .from(orderItems)
          .where(inArray(orderItems.orderId, orderIds))
          .orderBy(asc(orderItems.name))
      : Promise.resolve([] as OrderItemRow[]);

  async function lockOrder(tx: DbOrTx, id: string) {
    const [row] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
    return row;
  }

  /** Owner or staff; anyone else gets the 404 of a missing order. */
  const visible = (actor: Actor, row: OrderRow | undefined) => {
    if (!row || (row.userId !== actor.id && !isStaff(actor))) throw notFound('Order');
    return row;
  };

  async function detail(tx: DbOrTx, row: OrderRow, opts: { staff: boolean }) {
    // One after another: queries on one transaction's connection cannot overlap.
    const items = await itemsOf(tx, [row.id]);
    const timeline = await tx
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, row.id))
      .orderBy(asc(orderEvents.createdAt));
    const paymentRows = await payments.forOrder(row.id, tx);
    const notes = opts.staff
      ? await tx
          .select()
          .from(orderNotes)
          .where(eq(orderNotes.orderId, row.id))
          .orderBy(asc(orderNotes.createdAt))
      : [];
    return shape(row, items, timeline, paymentRows, opts.staff ? notes : undefined);
  }

  /** The order as the API shows it; `notes` only for staff. */
  function shape(
    row: OrderRow,
    items: OrderItemRow[],
    timeline: OrderEventRow[],
    paymentRows: PaymentView[],
    notes?: (typeof orderNotes.$inferSelect)[],
  ) {
    return {
      ...summaryOf(row),
      items: items.map(toItem),
      payment: paymentRows[0] ?? null,
      payments: paymentRows,
      shipping_address: row.shippingAddress,
      billing_address: row.billingAddress,
      note: row.customerNote,
      store_id: row.warehouseId,
      eta_minutes: row.etaMinutes,
      tracking_number: row.trackingNumber,
      rider_id: row.riderId,
      cancel_reason: row.cancelReason,
      payment_due_at: row.paymentDueAt?.toISOString() ?? null,
      confirmed_at: row.confirmedAt?.toISOString() ?? null,
      delivered_at: row.deliveredAt?.toISOString() ?? null,
      cancelled_at: row.cancelledAt?.toISOString() ?? null,
      disputed_at: row.disputedAt?.toISOString() ?? null,
      timeline: timeline.map((e) => ({
        from: e.fromStatus,
        to: e.toStatus,
        actor_id: e.actorId,
        note: e.note,
        at: e.createdAt.toISOString(),
      })),
      ...(notes
        ? {
            staff_notes: notes.map((n) => ({
              id: n.id,
              author_id: n.authorId,
              body: n.body,
              created_at: n.createdAt.toISOString(),
            })),
          }
        : {}),
    };
  }

  // ---- changing status (the one path) -----------------------------------------------------------

  async function addEvent(
    tx: DbOrTx,
    order: OrderRow,
    to: OrderStatus,
    actorId: string | null,
    note?: string | null,
    inHand: InHand = {},
  ) {
    const { placed } = inHand;
    const written = await tx
      .insert(orderEvents)
      .values([
        ...(placed
          ? [
              {
                orderId: order.id,
                toStatus: 'pending_payment' as const,
                actorId: placed.actorId,
                note: placed.note,
              },
            ]
          : []),
        {
          orderId: order.id,
          fromStatus: order.id && order.status !== to ? order.status : null,
          toStatus: to,
          actorId,
          note: note ?? null,
        },
      ])
      .returning();
    inHand.events?.push(...written);
    await publish(tx, { topic: orderTopic(order.id), type: 'status', data: { status: to } });
  }

  async function setStatus(
    tx: DbOrTx,
    order: OrderRow,
    to: OrderStatus,
    actorId: string | null,
    patch: Partial<OrderRow> = {},
    note?: string | null,
    inHand: InHand = {},
  ) {
    assertTransition(order.status, to);
    const [updated] = await tx
      .update(orders)
      .set({ ...patch, status: to, updatedAt: new Date() })
      .where(eq(orders.id, order.id))
      .returning();
    await addEvent(tx, order, to, actorId, note, inHand);
    await notify(tx, updated!, to, inHand.contact);
    return updated!;
  }

  const stockItems = async (tx: DbOrTx, orderId: string): Promise<StockItem[]> =>
    (await itemsOf(tx, [orderId])).map((i) => ({ variantId: i.variantId, quantity: i.quantity }));

  /** Paid (or cash on delivery): reserved stock is committed, the delivery starts. */
  async function confirm(
    tx: DbOrTx,
    order: OrderRow,
    actorId: string | null,
    note?: string,
    inHand: InHand = {},
  ) {
    await inventory.commit(tx, {
      warehouseId: order.warehouseId,
      items: inHand.items ?? (await stockItems(tx, order.id)),
      reference: { type: 'order', id: order.id, actorId },
    });
    const updated = await setStatus(
      tx,
      order,
      'confirmed',
      actorId,
      { confirmedAt: new Date(), paymentDueAt: null },
      note,
      inHand,
    );
    for (const h of hooks.confirmed) await h(tx, updated);
    return updated;
  }

  /** Paid, but fraud scoring wants a person to look first (PAY-6): stock stays reserved. */
  async function hold(tx: DbOrTx, order: OrderRow, actorId: string | null, inHand: InHand = {}) {
    const note = 'Held for payment review';
    return setStatus(tx, order, 'on_hold', actorId, { paymentDueAt: null }, note, inHand);
  }

  /** Stock back (released, or returned when already committed), money back, coupon use back. */
  async function cancel(tx: DbOrTx, order: OrderRow, actorId: string | null, reason: string) {
    if (!CANCELLABLE.includes(order.status))
      throw conflict(
        'ORDER_NOT_CANCELLABLE',
        `An order that is ${order.status.replaceAll('_', ' ')} can no longer be cancelled`,
      );
    const items = await stockItems(tx, order.id);
    const reference = { type: 'order' as const, id: order.id, actorId, note: reason };
    // Held orders were never confirmed either: their stock is still only reserved.
    if (order.status === 'pending_payment' || order.status === 'on_hold')
      await inventory.release(tx, { warehouseId: order.warehouseId, items, reference });
    else await inventory.returnStock(tx, { warehouseId: order.warehouseId, items, reference });
    const { refundedCents } = await payments.settleCancelledOrder(tx, order.id);
    await cart.coupons.unredeem(tx, order.id);
    const updated = await setStatus(
      tx,
      order,
      'cancelled',
      actorId,
      {
        cancelReason: reason,
        cancelledAt: new Date(),
        paymentDueAt: null,
        refundedCents: order.refundedCents + refundedCents,
      },
      reason,
    );
    for (const h of hooks.cancelled) await h(tx, updated);
    return updated;
  }

  // ---- notifications (ORD-8): an email per state change, sent by the mail job ----------------

  const MESSAGES: Partial<
    Record<OrderStatus | 'placed', (o: OrderRow) => [subject: string, heading: string, text: string]>
  > = {
    placed: (o) => [
      `Order ${o.number}: waiting for payment`,
      'We have your order',
      `Complete the payment of ${money(o.totalCents, o)} to confirm it.`,
    ],
    confirmed: (o) => [
      `Order ${o.number} confirmed`,
      'Your order is confirmed',
      `We are packing it now. Estimated delivery in about ${o.etaMinutes} minutes. Total ${money(o.totalCents, o)}.`,
    ],
    packed: (o) => [`Order ${o.number} packed`, 'Your order is packed', 'A rider will pick it up shortly.'],
    out_for_delivery: (o) => [
      `Order ${o.number} is on its way`,
      'Your order is on its way',
      'Your rider is heading to you.',
    ],
    delivered: (o) => [
      `Order ${o.number} delivered`,
      'Delivered — enjoy!',
      'Thanks for shopping with Cartwheel.',
    ],
    cancelled: (o) => [
      `Order ${o.number} cancelled`,
      'Your order was cancelled',
      `Reason: ${o.cancelReason ?? 'not given'}.${o.refundedCents ? ` ${money(o.refundedCents, o)} is being refunded to you.` : ''}`,
    ],
    refunded: (o) => [
      `Order ${o.number} refunded`,
      'Refund issued',
      `${money(o.refundedCents, o)} is on its way back to you.`,
    ],
    partially_refunded: (o) => [
      `Order ${o.number}: partial refund`,
      'Partial refund issued',
      `${money(o.refundedCents, o)} has been refunded so far.`,
    ],
  };
  const money = (cents: number, o: OrderRow) => formatMoney(cents, o.currency);

  /** `contact`: the order's user as already read (null: none), else read here. */
  async function notify(
    tx: DbOrTx,
    order: OrderRow,
    event: OrderStatus | 'placed',
    contact?: Contact | null,
  ) {
    const message = MESSAGES[event]?.(order);
    if (!message) return;
    const to = contact !== undefined ? contact : await addresses.getContact(order.userId, tx);
    if (!to) return;
    const [subject, heading, text] = message;
    await sendEmail(
      tx,
      {
        to: to.email,
        subject,
        template: `order_${event}`,
        content: {
          heading,
          paragraphs: [`Hi ${to.firstName ?? 'there'},`, text],
          action: { label: 'View your order', url: `${deps.publicUrl}/orders/${order.id}` },
        },
      },
      { userId: order.userId },
    );
  }

  // ---- checkout ----------------------------------------------------------------------------------

  async function addressFor(actor: Actor, id: string | undefined, kind: 'shipping' | 'billing') {
    const a = id
      ? await addresses.getAddress(actor, id).catch((err: unknown) => {
          if (err instanceof AppError && err.status === 404)
            throw unprocessable('ADDRESS_NOT_FOUND', `No such address in your address book`, [
              { field: `${kind}_address_id`, message: 'not found' },
            ]);
          throw err;
        })
      : (await addresses.listAddresses(actor)).find((b) =>
          kind === 'shipping' ? b.is_default_shipping : b.is_default_billing,
        );
    if (!a)
      throw unprocessable('ADDRESS_REQUIRED', `Add a ${kind} address (or pass ${kind}_address_id)`, [
        { field: `${kind}_address_id`, message: 'Required: your address book has no default' },
      ]);
    const snapshot: AddressSnapshot = {
      full_name: a.full_name,
      phone: a.phone,
      line1: a.line1,
      line2: a.line2,
      city: a.city,
      region: a.region,
      postal_code: a.postal_code,
      country: a.country,
    };
    return snapshot;
  }

  /**
   * ORD-1 in one transaction: re-price the cart, reserve from the serving dark store, write the
   * order with snapshots, take the payment, clear the cart, enqueue the jobs. Any failure rolls all
   * of it back. The Idempotency-Key makes a retried request return the order it already made. A
   * new order is answered from the rows this transaction wrote (no one else writes an order before
   * it commits; the confirmed hooks write their own modules' rows), a replay from a fresh read.
   */
  async function checkout(actor: Actor, input: CheckoutInput, idem: { key: string; requestHash: string }) {
    payments.validateMethod(input.paymentMethod, input.card, input.paymentToken);
    const shipping = await addressFor(actor, input.shippingAddressId, 'shipping');
    const billing = input.billingAddressId
      ? await addressFor(actor, input.billingAddressId, 'billing')
      : shipping;
    const store = await inventory.resolveStore(shipping.postal_code).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_SERVICEABLE')
        throw unprocessable('NOT_SERVICEABLE', `We don't deliver to ${shipping.postal_code} yet`, [
          { field: 'shipping_address_id', message: 'outside every delivery area' },
        ]);
      throw err;
    });

    const id = randomUUID();
    const done = await db.transaction(async (tx) => {
      const claim = await claimIdempotencyKey(tx, {
        scope: 'checkout',
        ownerId: actor.id,
        ...idem,
        resourceId: id,
      });
      if ('replay' in claim) return { replay: claim.replay };

      const { cart: cartRow, lines } = await cart.lockForCheckout(tx, actor.id);
      const q = await cart.quote(tx, {
        lines,
        couponCode: cartRow.couponCode,
        userId: actor.id,
        country: shipping.country,
      });
      const unsellable = lines.filter((l) => !q.variants.get(l.variantId)?.purchasable);
      if (unsellable.length)
        throw unprocessable(
          'ITEMS_UNAVAILABLE',
          'Some items in your cart are no longer sold; remove them to check out',
          unsellable.map((l) => ({ field: l.variantId, message: 'not for sale' })),
        );
      if (q.couponProblem)
        throw unprocessable(q.couponProblem[0], q.couponProblem[1], [
          { field: 'coupon', message: q.couponProblem[1] },
        ]);

      // Sold out shows up here, as a 409 naming what is short, before anything is written.
      await inventory.reserve(tx, {
        warehouseId: store.warehouse.id,
        items: lines,
        reference: { type: 'order', id, actorId: actor.id },
      });
      const units = lines.reduce((s, l) => s + l.quantity, 0);
      const [order] = await tx
        .insert(orders)
        .values({
          id,
          number: sql`'CW-' || nextval('order_number_seq')`,
          userId: actor.id,
          status: 'pending_payment',
          warehouseId: store.warehouse.id,
          currency: q.totals.currency,
          subtotalCents: q.totals.subtotal_cents,
          discountCents: q.totals.discount_cents,
          taxCents: q.totals.tax_cents,
          deliveryFeeCents: q.totals.delivery_fee_cents,
          totalCents: q.totals.total_cents,
          couponCode: q.coupon && !q.couponProblem ? q.coupon.code : null,
          paymentMethod: input.paymentMethod,
          shippingAddress: shipping,
          billingAddress: billing,
          customerNote: input.note ?? null,
          etaMinutes:
            store.warehouse.base_eta_minutes + Math.ceil(store.warehouse.pick_minutes_per_item * units),
          paymentDueAt: new Date(Date.now() + deps.paymentTtlMs),
        })
        .returning();
      const items = await tx
        .insert(orderItems)
        .values(
          lines.map((l) => {
            const v = q.variants.get(l.variantId)!;
            const p = q.lines.get(l.variantId)!;
            return {
              orderId: id,
              productId: v.productId,
              variantId: v.variantId,
              name: v.productName,
              variantName: v.variantName,
              sku: v.sku,
              imageUrl: v.imageUrl,
              unit: v.unit,
              unitPriceCents: v.unitPriceCents,
              quantity: l.quantity,
              lineSubtotalCents: p.lineSubtotalCents,
              discountCents: p.discountCents,
              taxCents: p.taxCents,
              lineTotalCents: p.lineTotalCents,
            };
          }),
        )
        .returning();
      const inHand: InHand = {
        items: lines,
        contact: (await addresses.getContact(actor.id, tx)) ?? null,
        events: [],
      };
      const placedBy = { actorId: actor.id, note: 'Order placed' };
      if (order!.couponCode)
        await cart.coupons.redeem(tx, {
          code: order!.couponCode,
          userId: actor.id,
          orderId: id,
          subtotalCents: q.totals.subtotal_cents,
        });

      const { payment, next } = await payments.createForOrder(tx, {
        orderId: id,
        orderNumber: order!.number,
        userId: actor.id,
        amountCents: q.totals.total_cents,
        currency: q.totals.currency,
        method: input.paymentMethod,
        card: input.card,
        token: input.paymentToken,
        ip: input.ip,
        shipping,
        billing,
        accountCreatedAt: inHand.contact?.createdAt ?? null,
      });
      // Paid now, or cash on delivery: confirmed at once, unless fraud scoring holds it for staff
      // (PAY-6); the 'placed' event is written with that change's. Otherwise it waits for the payment.
      let final = order!;
      if (next === 'confirm')
        final = await confirm(tx, order!, actor.id, undefined, { ...inHand, placed: placedBy });
      else if (next === 'hold') final = await hold(tx, order!, actor.id, { ...inHand, placed: placedBy });
      else {
        await addEvent(tx, order!, 'pending_payment', placedBy.actorId, placedBy.note, inHand);
        await notify(tx, order!, 'placed', inHand.contact);
      }

      await cart.clearAfterCheckout(tx, cartRow.id);
      await enqueue(
        tx,
        processOrderJob,
        { orderId: id },
        { userId: actor.id, entity: { type: 'order', id } },
      );
      return { replay: null, order: final, items, payment, events: inHand.events! };
    });
    if (done.replay !== null) {
      const row = (await db.select().from(orders).where(eq(orders.id, done.replay)))[0]!;
      return { order: await detail(db, row, { staff: false }), replayed: true };
    }
    // Lines by name, as `detail` reads them (in code-point order, as the C collation sorts).
    const items = done.items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      order: shape(done.order, items, done.events, [toPayment(done.payment)]),
      replayed: false,
    };
  }

  // ---- public API --------------------------------------------------------------------------------

  return {
    /** A decline rolls the whole checkout back; the attempt still counts toward fraud rules (PAY-6). */
    checkout: (actor: Actor, input: CheckoutInput, idem: { key: string; requestHash: string }) =>
      checkout(actor, input, idem).catch(async (err: unknown) => {
        await payments.recordFailedAttempt(err);
        throw err;
      }),

    onConfirmed(h: NonNullable<OrderHooks['confirmed']>) {
      hooks.confirmed.push(h);
    },
    onCancelled(h: NonNullable<OrderHooks['cancelled']>) {
      hooks.cancelled.push(h);
    },
    onRiderAssigned(h: NonNullable<OrderHooks['riderAssigned']>) {
      hooks.riderAssigned.push(h);
    },

    /** The delivery's rider, mirrored on the order; the caller holds the order lock. */
    async setRider(tx: DbOrTx, orderId: string, riderId: string | null) {
      await tx.update(orders).set({ riderId, updatedAt: new Date() }).where(eq(orders.id, orderId));
    },

    async get(actor: Actor, id: string) {
      const [row] = await db.select().from(orders).where(eq(orders.id, id));
      return detail(db, visible(actor, row), { staff: isStaff(actor) });
    },

    async getByNumber(actor: Actor, number: string) {
      const [row] = await db.select().from(orders).where(eq(orders.number, number.toUpperCase()));
      return detail(db, visible(actor, row), { staff: isStaff(actor) });
    },

    async listMine(actor: Actor, filter: { status?: OrderStatus }, page: PageParams) {
      return list(
        and(eq(orders.userId, actor.id), filter.status ? eq(orders.status, filter.status) : undefined),
        page,
      );
    },

    async cancel(actor: Actor, id: string, reason: string) {
      return db.transaction(async (tx) => {
        const row = visible(actor, await lockOrder(tx, id));
        const updated = await cancel(tx, row, actor.id, reason);
        return detail(tx, updated, { staff: isStaff(actor) });
      });
    },

    // ---- staff (ORD-7) ----

    async adminList(
      filter: { status?: OrderStatus; q?: string; userId?: string; storeId?: string; from?: Date; to?: Date },
      page: PageParams,
    ) {
      const q = filter.q?.trim();
      return list(
        and(
          filter.status ? eq(orders.status, filter.status) : undefined,
          filter.userId ? eq(orders.userId, filter.userId) : undefined,
          filter.storeId ? eq(orders.warehouseId, filter.storeId) : undefined,
          filter.from ? gte(orders.createdAt, filter.from) : undefined,
          filter.to ? lte(orders.createdAt, filter.to) : undefined,
          q
            ? or(
                ilike(orders.number, `%${q.replace(/[%_\\]/g, '\\$&')}%`),
                sql`${orders.shippingAddress}->>'full_name' ilike ${`%${q.replace(/[%_\\]/g, '\\$&')}%`}`,
                sql`${orders.shippingAddress}->>'phone' = ${q}`,
              )
            : undefined,
        ),
        page,
      );
    },

    /** Staff moves an order along (or cancels it); refunds go through the payments module. */
    async updateStatus(actor: Actor, id: string, to: OrderStatus, note?: string) {
      return db.transaction(async (tx) => {
        const row = visible(actor, await lockOrder(tx, id));
        // Holds are placed and lifted by the fraud review (payments), not by a bare status change.
        if (to === 'on_hold' || (row.status === 'on_hold' && to !== 'cancelled'))
          throw conflict(
            'USE_FRAUD_REVIEW',
            'Held orders are approved or rejected through the payment review',
          );
        const updated = await advance(tx, row, to, actor.id, note);
        return detail(tx, updated, { staff: true });
      });
    },

    async addNote(actor: Actor, id: string, body: string) {
      return db.transaction(async (tx) => {
        const row = visible(actor, await lockOrder(tx, id));
        await tx.insert(orderNotes).values({ orderId: row.id, authorId: actor.id, body });
        return detail(tx, row, { staff: true });
      });
    },

    async fulfil(
      actor: Actor,
      id: string,
      input: { trackingNumber?: string | null; riderId?: string | null },
    ) {
      return db.transaction(async (tx) => {
        const row = visible(actor, await lockOrder(tx, id));
        if (['cancelled', 'refunded', 'delivered'].includes(row.status))
          throw conflict('ORDER_CLOSED', `The order is ${row.status}; fulfilment can no longer change`);
        // The delivery owns the rider (it validates the user and records the assignment).
        if (input.riderId) for (const h of hooks.riderAssigned) await h(tx, row, input.riderId, actor.id);
        const [updated] = await tx
          .update(orders)
          .set({
            ...(input.trackingNumber !== undefined ? { trackingNumber: input.trackingNumber } : {}),
            ...(input.riderId ? { riderId: input.riderId } : {}),
            updatedAt: new Date(),
          })
          .where(eq(orders.id, id))
          .returning();
        return detail(tx, updated!, { staff: true });
      });
    },

    // ---- for other modules and jobs ----

    /**
     * Locks the order row in a caller's transaction. Delivery takes it before its own row (the
     * order's lock order: order, then delivery), so it never deadlocks with a cancel.
     */
    lock: async (tx: DbOrTx, orderId: string) => lockOrder(tx, orderId),

    /** Units in an order (delivery's pick-time estimate, DLV-3). */
    units: async (tx: DbOrTx, orderId: string) =>
      (await itemsOf(tx, [orderId])).reduce((sum, i) => sum + i.quantity, 0),

    /** Moves an order in a caller's transaction (delivery drives packed → delivered). */
    advance: async (tx: DbOrTx, orderId: string, to: OrderStatus, actorId: string | null, note?: string) => {
      const row = await lockOrder(tx, orderId);
      if (!row) throw notFound('Order');
      return advance(tx, row, to, actorId, note);
    },

    /** Cancels unpaid orders past their payment deadline (ORD-6); returns how many. */
    async expireUnpaid(limit = 200) {
      const due = await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.status, 'pending_payment'), lt(orders.paymentDueAt, new Date())))
        .orderBy(asc(orders.paymentDueAt))
        .limit(limit);
      let expired = 0;
      for (const { id } of due)
        await db.transaction(async (tx) => {
          const row = await lockOrder(tx, id);
          // Paid (or cancelled) while we were getting here: leave it.
          if (!row || row.status !== 'pending_payment' || !row.paymentDueAt || row.paymentDueAt > new Date())
            return;
          await cancel(tx, row, SYSTEM, 'Payment not received in time');
          expired += 1;
        });
      return expired;
    },

    /** Order processing job: counts sales toward rankings, once per order. */
    async process(orderId: string) {
      return db.transaction(async (tx) => {
        const [claimed] = await tx
          .update(orders)
          .set({ processedAt: new Date() })
          .where(and(eq(orders.id, orderId), sql`${orders.processedAt} is null`))
          .returning();
        if (!claimed) return { processed: false };
        const items = await itemsOf(tx, [orderId]);
        await deps.sale.recordSales(
          tx,
          items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
        );
        return { processed: true, items: items.length };
      });
    },

    /** The payments module's view of an order; it locks order first, then payment. */
    paymentPort: {
      lockOrder: async (tx: DbOrTx, orderId: string) => lockOrder(tx, orderId),
      paymentCompleted: async (tx: DbOrTx, orderId: string) => {
        const row = await lockOrder(tx, orderId);
        if (row?.status !== 'pending_payment') return;
        if (await payments.awaitsReview(tx, orderId)) await hold(tx, row, SYSTEM);
        else await confirm(tx, row, SYSTEM, 'Payment received');
      },
      items: async (tx: DbOrTx, orderId: string) => stockItems(tx, orderId),
      /**
       * PAY-5: money went back. The order becomes refunded or partially_refunded through the one
       * status path; returned items go back on the shelf; the refund email goes out with it.
       */
      recordRefund: async (
        tx: DbOrTx,
        orderId: string,
        amountCents: number,
        actorId: string | null,
        returnedItems: StockItem[],
      ) => {
        const row = await lockOrder(tx, orderId);
        if (!row) throw notFound('Order');
        const refundedCents = row.refundedCents + amountCents;
        const to = refundedCents >= row.totalCents ? 'refunded' : 'partially_refunded';
        assertTransition(row.status, to);
        if (returnedItems.length)
          await inventory.returnStock(tx, {
            warehouseId: row.warehouseId,
            items: returnedItems,
            reference: { type: 'order', id: row.id, actorId, note: 'Returned with a refund' },
          });
        await setStatus(tx, row, to, actorId, { refundedCents }, `Refunded ${money(amountCents, row)}`);
      },
      /** A payment dispute / chargeback: staff see the flag on the order. */
      flagDisputed: async (tx: DbOrTx, orderId: string, reason: string) => {
        const row = await lockOrder(tx, orderId);
        if (!row || row.disputedAt) return;
        await tx
          .update(orders)
          .set({ disputedAt: new Date(), updatedAt: new Date() })
          .where(eq(orders.id, orderId));
        await publish(tx, { topic: orderTopic(orderId), type: 'disputed', data: { reason } });
      },
      /** Fraud review decisions (confirm a held order, or cancel it) through the workflow. */
      advance: async (
        tx: DbOrTx,
        orderId: string,
        to: 'confirmed' | 'cancelled',
        actorId: string,
        note: string,
      ) => {
        const row = await lockOrder(tx, orderId);
        if (!row) throw notFound('Order');
        return advance(tx, row, to, actorId, note);
      },
    },

    /** REV-1: bought it, and the order was not cancelled. */
    async hasPurchased(userId: string, productId: string) {
      const [r] = await db
        .select({ n: count() })
        .from(orderItems)
        .innerJoin(orders, eq(orders.id, orderItems.orderId))
        .where(
          and(
            eq(orders.userId, userId),
            eq(orderItems.productId, productId),
            notInArray(orders.status, ['pending_payment', 'cancelled']),
          ),
        );
      return (r?.n ?? 0) > 0;
    },

    /**
     * The daily sales report's input (JOB-8): orders placed on a UTC day that went past payment
     * (not pending or cancelled), with their lines per product and per payment method.
     */
    async salesForDay(day: string) {
      // UTC day bounds whatever the session's TimeZone setting.
      const placed = sql`${orders.createdAt} >= (${day}::date)::timestamp at time zone 'UTC'
        and ${orders.createdAt} < (${day}::date + 1)::timestamp at time zone 'UTC'
        and ${orders.status} not in ('pending_payment', 'cancelled')`;
      const byMethod = await db.execute<{ method: string; orders: number; revenue_cents: number }>(sql`
        select payment_method as method, count(*)::int as orders, sum(total_cents)::bigint as revenue_cents
        from ${orders} where ${placed} group by 1 order by 3 desc, 1`);
      const byProduct = await db.execute<{
        product_id: string;
        name: string;
        units: number;
        revenue_cents: number;
      }>(sql`
        select i.product_id, max(i.name) as name, sum(i.quantity)::int as units,
          sum(i.line_total_cents)::bigint as revenue_cents
        from ${orderItems} i join ${orders} on ${orders.id} = i.order_id
        where ${placed} group by 1 order by 4 desc, 3 desc, 1`);
      return { byPaymentMethod: byMethod.rows, byProduct: byProduct.rows };
    },

    /** One keyset page of orders by id with their lines, for data exports (JOB-8). */
    async exportPage(afterId: string | null, limit: number) {
      const rows = await db
        .select()
        .from(orders)
        .where(afterId ? sql`${orders.id} > ${afterId}` : undefined)
        .orderBy(asc(orders.id))
        .limit(limit);
      const items = await itemsOf(
        db,
        rows.map((r) => r.id),
      );
      const byOrder = new Map<string, OrderItemRow[]>();
      for (const i of items) byOrder.set(i.orderId, [...(byOrder.get(i.orderId) ?? []), i]);
      return rows.map((r) => {
        const its = byOrder.get(r.id) ?? [];
        return {
          ...summaryOf(r),
          warehouse_id: r.warehouseId,
          item_count: its.length,
          units: its.reduce((n, i) => n + i.quantity, 0),
          postal_code: r.shippingAddress.postal_code,
          items: its.map(toItem),
        };
      });
    },

    /** CAT-7: products bought together in the same order, for "frequently bought together". */
    async coPurchases(sinceDays: number) {
      const rows = await db.execute<{ product_id: string; other_id: string; orders: number }>(sql`
        select a.product_id, b.product_id as other_id, count(distinct a.order_id)::int as orders
        from ${orderItems} a
        join ${orderItems} b on b.order_id = a.order_id and b.product_id <> a.product_id
        join ${orders} o on o.id = a.order_id
        where o.status not in ('pending_payment', 'cancelled')
          and o.created_at > now() - make_interval(days => ${sinceDays})
        group by 1, 2`);
      return rows.rows.map((r) => ({ productId: r.product_id, otherId: r.other_id, orders: r.orders }));
    },
  };

  async function advance(tx: DbOrTx, row: OrderRow, to: OrderStatus, actorId: string | null, note?: string) {
    if (to === 'cancelled') return cancel(tx, row, actorId, note ?? 'Cancelled by staff');
    if (to === 'refunded' || to === 'partially_refunded')
      throw conflict('USE_REFUNDS', 'Refund the payment instead; the order status follows the refund');
    if (to === 'confirmed') {
      assertTransition(row.status, to);
      return confirm(tx, row, actorId, note);
    }
    if (to === 'delivered') {
      assertTransition(row.status, to);
      // Cash on delivery is collected at the door (DLV-6).
      await payments.completeForOrder(tx, row.id);
      return setStatus(tx, row, to, actorId, { deliveredAt: new Date() }, note);
    }
    return setStatus(tx, row, to, actorId, {}, note);
  }

  async function list(where: SQL | undefined, page: PageParams) {
    const { limit, offset } = pageOffset(page);
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(orders)
        .where(where)
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(orders).where(where),
    ]);
    const items = await itemsOf(
      db,
      rows.map((r) => r.id),
    );
    const byOrder = new Map<string, OrderItemRow[]>();
    for (const i of items) byOrder.set(i.orderId, [...(byOrder.get(i.orderId) ?? []), i]);
    return pageOf(
      rows.map((r) => {
        const its = byOrder.get(r.id) ?? [];
        return {
          ...summaryOf(r),
          item_count: its.length,
          units: its.reduce((s, i) => s + i.quantity, 0),
          preview: its
            .slice(0, 4)
            .map((i) => ({ name: i.name, image_url: i.imageUrl, quantity: i.quantity })),
        };
      }),
      total?.n ?? 0,
      page,
    );
  }
}

function summaryOf(r: OrderRow) {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    user_id: r.userId,
    currency: r.currency,
    totals: {
      subtotal_cents: r.subtotalCents,
      discount_cents: r.discountCents,
      tax_cents: r.taxCents,
      delivery_fee_cents: r.deliveryFeeCents,
      total_cents: r.totalCents,
    },
    refunded_cents: r.refundedCents,
    coupon_code: r.couponCode,
    payment_method: r.paymentMethod,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const toItem = (i: OrderItemRow) => ({
  id: i.id,
  product_id: i.productId,
  variant_id: i.variantId,
  name: i.name,
  variant_name: i.variantName,
  sku: i.sku,
  image_url: i.imageUrl,
  unit: i.unit,
  unit_price_cents: i.unitPriceCents,
  quantity: i.quantity,
  line_subtotal_cents: i.lineSubtotalCents,
  discount_cents: i.discountCents,
  tax_cents: i.taxCents,
  line_total_cents: i.lineTotalCents,
});

export type OrdersService = ReturnType<typeof createOrdersService>;
export type OrderDetail = Awaited<ReturnType<OrdersService['get']>>;
