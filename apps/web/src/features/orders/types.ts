/** Orders as the API returns them, from the generated client (apps/server/src/modules/orders/routes.ts). */
import type { ResponseOf } from '../../lib/api';

export type Order = ResponseOf<'/api/v1/orders/{id}'>;
export type OrderListItem = ResponseOf<'/api/v1/orders'>['items'][number];
export type OrderStatus = Order['status'];

export const CANCELLABLE: OrderStatus[] = ['pending_payment', 'confirmed', 'packed'];
