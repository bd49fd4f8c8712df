import { api, isApiError, publicApi, unwrap } from '../../../lib/api';
import { session } from '../../../lib/session';
import { cartToken } from '../cart-token';
import type { Cart } from '../types';

/** The guest cart's token, as every cart route takes it. */
type CartHeader = { 'x-cart-token'?: string };

let chain: Promise<unknown> = Promise.resolve();

/** Cart writes run one after another, so responses arrive in the order the shopper acted. */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => {});
  return run;
}

async function newGuestToken(): Promise<string> {
  const { cart_token } = await unwrap(publicApi.POST('/api/v1/cart/token'));
  cartToken.set(cart_token);
  return cart_token;
}

/**
 * A cart call as whoever is shopping: the signed-in user (bearer) and/or the guest cart token.
 * Sending both merges the guest cart into the user's, after which the token is dropped.
 */
async function send<T>(call: (header: CartHeader) => Promise<T>, token: string | null): Promise<T> {
  const signedIn = !!session.get().user;
  const result = await call(token ? { 'x-cart-token': token } : {});
  if (signedIn && token && cartToken.get() === token) cartToken.clear();
  return result;
}

/** GET /cart, or null while there is no cart at all (a guest who has not added anything). */
export async function fetchCart(signal?: AbortSignal): Promise<Cart | null> {
  const token = cartToken.get();
  if (!session.get().user && !token) return null;
  try {
    return await send((header) => unwrap(api.GET('/api/v1/cart', { params: { header }, signal })), token);
  } catch (err) {
    // The guest cart expired or was merged elsewhere: start afresh on the next add.
    if (token && !session.get().user && (isApiError(err, 404) || isApiError(err, 401))) {
      cartToken.clear();
      return null;
    }
    throw err;
  }
}

/** A cart write (`call` sends it with the given cart header); a guest without a cart gets one first. */
export function cartWrite(call: (header: CartHeader) => Promise<Cart>): Promise<Cart> {
  return serial(async () => {
    let token = cartToken.get();
    if (!session.get().user && !token) token = await newGuestToken();
    try {
      return await send(call, token);
    } catch (err) {
      if (token && !session.get().user && isApiError(err, 404) && err.message.startsWith('Cart not')) {
        return send(call, await newGuestToken());
      }
      throw err;
    }
  });
}
