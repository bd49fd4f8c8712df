import { CheckIcon } from '../../../components/icons';
import { cn } from '../../../lib/format';
import type { Order, OrderStatus } from '../types';

export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  packed: 'Packed',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};

const TONE: Record<OrderStatus, string> = {
  pending_payment: 'bg-amber-50 text-amber-800',
  confirmed: 'bg-blue-50 text-blue-800',
  packed: 'bg-blue-50 text-blue-800',
  out_for_delivery: 'bg-violet-50 text-violet-800',
  delivered: 'bg-brand-50 text-brand-800',
  cancelled: 'bg-gray-100 text-gray-700',
  refunded: 'bg-gray-100 text-gray-700',
  partially_refunded: 'bg-gray-100 text-gray-700',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={cn('rounded-full px-2.5 py-0.5 text-xs font-bold whitespace-nowrap', TONE[status])}>
      {STATUS_LABEL[status]}
    </span>
  );
}

const FLOW: OrderStatus[] = ['confirmed', 'packed', 'out_for_delivery', 'delivered'];

/**
 * Where the order is in its journey, from its status and timeline. The live tracking page
 * (delivery module) will replace this with rider and ETA updates as they happen.
 */
export function StatusSteps({ order }: { order: Order }) {
  if (order.status === 'cancelled' || order.status === 'pending_payment') return null;
  const reached = new Set(order.timeline.map((t) => t.to));
  const current = FLOW.indexOf(order.status);
  return (
    <ol className="flex items-start" aria-label="Order progress">
      {FLOW.map((s, i) => {
        const done = reached.has(s) || (current >= 0 && i <= current);
        return (
          <li key={s} className="relative flex flex-1 flex-col items-center text-center">
            {i > 0 && (
              <span
                className={cn('absolute top-3.5 right-1/2 h-0.5 w-full', done ? 'bg-brand-600' : 'bg-line')}
                aria-hidden="true"
              />
            )}
            <span
              className={cn(
                'relative z-10 flex h-7 w-7 items-center justify-center rounded-full border-2',
                done ? 'border-brand-600 bg-brand-600 text-white' : 'border-line bg-white',
              )}
            >
              {done && <CheckIcon size={14} />}
            </span>
            <span className={cn('mt-1.5 text-[11px] font-semibold', done ? 'text-ink' : 'text-muted')}>
              {STATUS_LABEL[s]}
              <span className="sr-only">{done ? ' (done)' : ' (not yet)'}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
