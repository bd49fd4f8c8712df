import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { session, useSession } from '../../../lib/session';
import { cartToken } from '../cart-token';
import type { Cart } from '../types';
import { cartKey, useCart } from './get-cart';

/**
 * Live cart (CART-6): server-sent events from GET /cart/events put every change made in another
 * tab or device straight into the cache. A stream, so EventSource rather than the typed client;
 * it cannot send headers, so the token travels in the query string. Reconnects with a fresh token
 * after errors (the access token expires).
 */
export function useLiveCart() {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const { data: cart } = useCart();
  const hasCart = !!cart;
  const userId = user?.id;

  useEffect(() => {
    if (!hasCart || typeof EventSource === 'undefined') return;
    const key = cartKey(userId);
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let stopped = false;

    const connect = async () => {
      const params = new URLSearchParams();
      if (userId) {
        const token = await session.accessToken();
        if (!token) return;
        params.set('access_token', token);
      } else {
        const token = cartToken.get();
        if (!token) return;
        params.set('cart_token', token);
      }
      if (stopped) return;
      source = new EventSource(`/api/v1/cart/events?${params}`);
      source.addEventListener('cart', (e) => {
        delay = 1000;
        queryClient.setQueryData(key, JSON.parse((e as MessageEvent<string>).data) as Cart);
      });
      source.addEventListener('cart_deleted', () => void queryClient.invalidateQueries({ queryKey: key }));
      source.onerror = () => {
        // Take over from the browser's own retry: the next attempt needs a fresh token.
        source?.close();
        if (stopped) return;
        retry = setTimeout(() => void connect(), delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [hasCart, userId, queryClient]);
}
