import type {
  AdminOrderStatus,
  DeliveryStatus,
  Job,
  PaymentStatus,
  ProductStatus,
  RefundStatus,
  ReviewStatus,
  RiskCheck,
  UserStatus,
} from '../types';
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

export const PAYMENT_LABEL: Record<PaymentStatus, string> = {
  pending: 'Pending',
  processing: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};
const PAYMENT_TONE: Record<PaymentStatus, Tone> = {
  pending: 'amber',
  processing: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'gray',
  refunded: 'violet',
  partially_refunded: 'violet',
};
export const PaymentStatusBadge = ({ status }: { status: PaymentStatus }) => (
  <Badge tone={PAYMENT_TONE[status]}>{PAYMENT_LABEL[status]}</Badge>
);

const REFUND_TONE: Record<RefundStatus, Tone> = {
  requested: 'amber',
  succeeded: 'green',
  rejected: 'gray',
  failed: 'red',
};
export const RefundStatusBadge = ({ status }: { status: RefundStatus }) => (
  <Badge tone={REFUND_TONE[status]}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>
);

const RISK_LABEL: Record<RiskCheck['decision'], string> = {
  pass: 'Passed',
  review: 'Held for review',
  approved: 'Approved',
  rejected: 'Rejected',
};
const RISK_TONE: Record<RiskCheck['decision'], Tone> = {
  pass: 'green',
  review: 'red',
  approved: 'blue',
  rejected: 'gray',
};
export const RiskDecisionBadge = ({ decision }: { decision: RiskCheck['decision'] }) => (
  <Badge tone={RISK_TONE[decision]}>{RISK_LABEL[decision]}</Badge>
);

/** A 0–100 risk score as a number on a coloured chip: red from the default hold threshold (70). */
export function RiskScore({ score }: { score: number }) {
  const tone: Tone = score >= 70 ? 'red' : score >= 35 ? 'amber' : 'green';
  return (
    <Badge tone={tone}>
      <span className="tabular-nums">{score}</span>
      <span className="sr-only"> out of 100</span>
    </Badge>
  );
}

const PRODUCT_TONE: Record<ProductStatus, Tone> = { draft: 'amber', active: 'green', archived: 'gray' };
export const ProductStatusBadge = ({ status }: { status: ProductStatus }) => (
  <Badge tone={PRODUCT_TONE[status]}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>
);
