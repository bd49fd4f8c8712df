import { cn } from '../../../lib/format';
import type { OrderStatus } from '../types';

export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  on_hold: 'Being reviewed',
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
  on_hold: 'bg-amber-50 text-amber-800',
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
