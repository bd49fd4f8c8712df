/** Delivery tracking as GET /orders/{id}/track and the live stream return it (delivery/routes.ts). */
import type { ResponseOf } from '../../lib/api';

export type Tracking = ResponseOf<'/api/v1/orders/{id}/track'>;
export type TrackingEntry = Tracking['history'][number];
export type DeliveryStatus = TrackingEntry['to'];
