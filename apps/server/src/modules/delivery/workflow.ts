import { AppError } from '../../platform/errors.js';
import type { OrderStatus } from '../orders/index.js';
import type { DeliveryStatus } from './schema.js';

/**
 * DLV-1, the one place that says which delivery status may follow which. FAILED (nobody at the
 * door, wrong address) may go out again for a second attempt; DELIVERED and CANCELLED are final.
 * Cancelling goes through the order (stock back, refund), which closes the delivery by its hook.
 */
export const TRANSITIONS: Record<DeliveryStatus, DeliveryStatus[]> = {
  PLACED: ['PACKED', 'CANCELLED'],
  PACKED: ['OUT_FOR_DELIVERY', 'CANCELLED'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'FAILED'],
  FAILED: ['OUT_FOR_DELIVERY'],
  DELIVERED: [],
  CANCELLED: [],
};

/** The next stage on the happy path (what the simulation does, one step per interval). */
export const NEXT: Partial<Record<DeliveryStatus, DeliveryStatus>> = {
  PLACED: 'PACKED',
  PACKED: 'OUT_FOR_DELIVERY',
  OUT_FOR_DELIVERY: 'DELIVERED',
};

/** Still moving: a rider can be (re)assigned, the simulation advances it. */
export const OPEN: DeliveryStatus[] = ['PLACED', 'PACKED', 'OUT_FOR_DELIVERY', 'FAILED'];

/**
 * The order status that follows a delivery status (ORD-3 ↔ DLV-1). FAILED has none: the order
 * stays out for delivery until a second attempt delivers it or staff refund it.
 */
export const ORDER_STATUS_FOR: Partial<Record<DeliveryStatus, OrderStatus>> = {
  PACKED: 'packed',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  DELIVERED: 'delivered',
};

/** The order statuses delivery drives, in order (cancelled and refunded orders are not on it). */
export const ORDER_PROGRESS: OrderStatus[] = ['confirmed', 'packed', 'out_for_delivery', 'delivered'];

export function assertTransition(from: DeliveryStatus, to: DeliveryStatus) {
  if (!TRANSITIONS[from].includes(to))
    throw new AppError(409, 'INVALID_TRANSITION', `A delivery that is ${from} cannot become ${to}`, [
      { field: 'status', message: `allowed from ${from}: ${TRANSITIONS[from].join(', ') || 'none'}` },
    ]);
}
