import type { AdminOrderStatus, DeliveryStatus, Job, ReviewStatus, UserStatus } from '../types';
import { DELIVERY_LABEL } from '../api/deliveries';
import { Badge, type Tone } from './ui';

export const ORDER_LABEL: Record<AdminOrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  on_hold: 'On hold',
  confirmed: 'Confirmed',
  packed: 'Packed',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};
const ORDER_TONE: Record<AdminOrderStatus, Tone> = {
  pending_payment: 'amber',
  on_hold: 'red',
  confirmed: 'blue',
  packed: 'blue',
  out_for_delivery: 'violet',
  delivered: 'green',
  cancelled: 'gray',
  refunded: 'gray',
  partially_refunded: 'gray',
};
export const OrderStatusBadge = ({ status }: { status: AdminOrderStatus }) => (
  <Badge tone={ORDER_TONE[status]}>{ORDER_LABEL[status]}</Badge>
);

const DELIVERY_TONE: Record<DeliveryStatus, Tone> = {
  PLACED: 'amber',
  PACKED: 'blue',
  OUT_FOR_DELIVERY: 'violet',
  DELIVERED: 'green',
  FAILED: 'red',
  CANCELLED: 'gray',
};
export const DeliveryStatusBadge = ({ status }: { status: DeliveryStatus }) => (
  <Badge tone={DELIVERY_TONE[status]}>{DELIVERY_LABEL[status]}</Badge>
);

const REVIEW_TONE: Record<ReviewStatus, Tone> = {
  pending: 'amber',
  approved: 'green',
  rejected: 'red',
  hidden: 'gray',
};
export const ReviewStatusBadge = ({ status }: { status: ReviewStatus }) => (
  <Badge tone={REVIEW_TONE[status]}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>
);

const USER_TONE: Record<UserStatus, Tone> = { active: 'green', suspended: 'red', deleted: 'gray' };
export const UserStatusBadge = ({ status }: { status: UserStatus }) => (
  <Badge tone={USER_TONE[status]}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>
);

const JOB_TONE: Record<Job['status'], Tone> = {
  pending: 'gray',
  running: 'blue',
  retrying: 'amber',
  completed: 'green',
  failed: 'red',
  cancelled: 'gray',
};
export const JobStatusBadge = ({ status }: { status: Job['status'] }) => (
  <Badge tone={JOB_TONE[status]}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>
);
