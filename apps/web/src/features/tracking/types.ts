/** Delivery tracking as GET /orders/{id}/track and the live stream return it (delivery/routes.ts). */
export const DELIVERY_STATUSES = [
  'PLACED',
  'PACKED',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'FAILED',
  'CANCELLED',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type TrackingEntry = {
  seq: number;
  type: 'status' | 'rider';
  from: DeliveryStatus | null;
  to: DeliveryStatus;
  rider_id: string | null;
  actor_id: string | null;
  note: string | null;
  eta_at: string | null;
  at: string;
};

export type Tracking = {
  order_id: string;
  order_number: string | null;
  delivery_id: string | null;
  /** Null until the order is confirmed (paid, or cash on delivery). */
  status: DeliveryStatus | null;
  eta_at: string | null;
  eta_minutes: number | null;
  rider: { id: string; name: string } | null;
  delivered_at: string | null;
  history: TrackingEntry[];
  last_event_id: number | null;
};
