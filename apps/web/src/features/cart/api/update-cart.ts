import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../components/toast';
import { api, unwrap } from '../../../lib/api';
import { errorMessage } from '../../../components/states';
import type { Cart } from '../types';
import { cartWrite } from './cart-request';
import { useCartKey } from './get-cart';

export type Change =
  | { kind: 'add'; variantId: string; quantity?: number }
  | { kind: 'set'; itemId: string; quantity: number }
  | { kind: 'step'; itemId: string; by: 1 | -1 }
  | { kind: 'remove'; itemId: string }
  | { kind: 'clear' };

function request(c: Change): Promise<Cart> {
  return cartWrite((header) => {
    switch (c.kind) {
      case 'add':
        return unwrap(
          api.POST('/api/v1/cart/items', {
            params: { header },
            body: { variant_id: c.variantId, quantity: c.quantity ?? 1 },
          }),
        );
      case 'set':
        return unwrap(
          api.PATCH('/api/v1/cart/items/{item_id}', {
            params: { header, path: { item_id: c.itemId } },
            body: { quantity: c.quantity },
          }),
        );
      case 'step': {
        const params = { header, path: { item_id: c.itemId } };
        return unwrap(
          c.by > 0
            ? api.POST('/api/v1/cart/items/{item_id}/increment', { params })
            : api.POST('/api/v1/cart/items/{item_id}/decrement', { params }),
        );
      }
      case 'remove':
        return unwrap(
          api.DELETE('/api/v1/cart/items/{item_id}', { params: { header, path: { item_id: c.itemId } } }),
        );
      case 'clear':
        return unwrap(api.DELETE('/api/v1/cart', { params: { header } }));
    }
  });
}

/** The cart a change should leave, for the optimistic update (undefined: not predictable). */
export function predicted(cart: Cart, c: Change): Cart | undefined {
  const edit = (itemId: string, qty: (q: number) => number) => ({
    ...cart,
    items: cart.items
      .map((i) => (i.id === itemId ? { ...i, quantity: qty(i.quantity) } : i))
      .filter((i) => i.quantity > 0),
  });
  if (c.kind === 'step') return edit(c.itemId, (q) => q + c.by);
  if (c.kind === 'set') return edit(c.itemId, () => c.quantity);
  if (c.kind === 'remove') return edit(c.itemId, () => 0);
  return undefined;
}

/**
 * Every line change. Steps and removals show at once (optimistic) and roll back with a message
 * when the server refuses, e.g. "only 3 left"; the server's cart then replaces the guess.
 */
export function useUpdateCart() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  const notify = useToast();
  return useMutation({
    mutationFn: request,
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Cart | null>(key);
      const guess = before ? predicted(before, change) : undefined;
      if (guess) queryClient.setQueryData(key, guess);
      return { before };
    },
    onError: (err, _change, ctx) => {
      if (ctx?.before !== undefined) queryClient.setQueryData(key, ctx.before);
      notify(errorMessage(err), 'error');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}
