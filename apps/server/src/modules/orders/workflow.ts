import { AppError } from '../../platform/errors.js';
import type { OrderStatus } from './schema.js';

/**
 * ORD-3, the one place that says which status may follow which. Refund statuses come from the
 * payments module's refunds; cancellation is possible until the order leaves the store.
 */
export const TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  pending_payment: ['confirmed', 'on_hold', 'cancelled'],
  on_hold: ['confirmed', 'cancelled'],
  confirmed: ['packed', 'cancelled', 'refunded', 'partially_refunded'],
  packed: ['out_for_delivery', 'cancelled', 'refunded', 'partially_refunded'],
  out_for_delivery: ['delivered', 'refunded', 'partially_refunded'],
  delivered: ['refunded', 'partially_refunded'],
  partially_refunded: ['refunded', 'partially_refunded'],
  cancelled: [],
  refunded: [],
};

export const CANCELLABLE: OrderStatus[] = ['pending_payment', 'on_hold', 'confirmed', 'packed'];

export function assertTransition(from: OrderStatus, to: OrderStatus) {
  if (!TRANSITIONS[from].includes(to))
    throw new AppError(409, 'INVALID_TRANSITION', `An order that is ${from} cannot become ${to}`, [
      { field: 'status', message: `allowed from ${from}: ${TRANSITIONS[from].join(', ') || 'none'}` },
    ]);
}
