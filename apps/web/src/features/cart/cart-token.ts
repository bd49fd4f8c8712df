import { storage } from '../../lib/storage';

/** The guest cart's token (POST /cart/token), kept until it has been merged into a user's cart. */
const KEY = 'cw.cart_token';

export const cartToken = {
  get: () => storage.get(KEY),
  set: (token: string) => storage.set(KEY, token),
  clear: () => storage.set(KEY, null),
};
