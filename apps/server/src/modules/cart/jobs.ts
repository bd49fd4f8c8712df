import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { CartService } from './service.js';

export const purgeGuestCartsJob = defineJob('cart__purge_guest_carts', z.object({}), {
  title: () => 'Delete abandoned guest carts',
  maxAttempts: 3,
});

/** Nightly: guest carts untouched for 30 days are gone (a user's own cart is kept). */
export const cartCrontab = [`17 3 * * * ${purgeGuestCartsJob.name}`];

export const cartJobHandlers = (cart: CartService) => [
  handle(purgeGuestCartsJob, async () => ({ deleted: await cart.purgeGuestCarts(30) })),
];
