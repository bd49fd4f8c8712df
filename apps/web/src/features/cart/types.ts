/** The cart as the API returns it, from the generated client (apps/server/src/modules/cart/routes.ts). */
import type { ResponseOf } from '../../lib/api';

export type Cart = ResponseOf<'/api/v1/cart'>;
export type CartItem = Cart['items'][number];
export type CartTotals = Cart['totals'];
