import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, unwrap } from '../../../lib/api';
import type { Cart } from '../types';
import { cartWrite } from './cart-request';
import { useCartKey } from './get-cart';

export type Line = { variantId: string; quantity: number; name: string };

export type AddLinesResult = {
  added: number;
  /** Lines that went in with fewer than asked, because the store has fewer. */
  reduced: { name: string; quantity: number }[];
  skipped: { name: string; why: string }[];
};

/** What the server says is left of a variant ("requested 3, available 1"), if it says. */
const availableFrom = (err: unknown) => {
  if (!isApiError(err, 409)) return 0;
  const m = /available (\d+)/.exec(err.errors.map((e) => e.message).join(' '));
  return m ? Number(m[1]) : 0;
};

/**
 * Several lines into the cart at once (a reorder). Lines the store cannot sell now are skipped
 * and named, short ones go in with what is left, and the rest still goes in.
 */
export function useAddLines() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: async (lines: Line[]): Promise<AddLinesResult> => {
      const result: AddLinesResult = { added: 0, reduced: [], skipped: [] };
      let cart: Cart | undefined;
      const add = (variantId: string, quantity: number) =>
        cartWrite((header) =>
          unwrap(
            api.POST('/api/v1/cart/items', {
              params: { header },
              body: { variant_id: variantId, quantity },
            }),
          ),
        );
      for (const line of lines) {
        try {
          cart = await add(line.variantId, line.quantity);
          result.added += 1;
        } catch (err) {
          // Anything but "this item cannot be had" (offline, signed out) stops the whole thing.
          if (!isApiError(err, 409) && !isApiError(err, 422)) throw err;
          const left = availableFrom(err);
          if (left > 0 && left < line.quantity) {
            try {
              cart = await add(line.variantId, left);
              result.added += 1;
              result.reduced.push({ name: line.name, quantity: left });
              continue;
            } catch {
              // Sold out meanwhile: skipped below.
            }
          }
          result.skipped.push({
            name: line.name,
            why: isApiError(err, 409) ? 'out of stock' : 'no longer sold',
          });
        }
      }
      if (cart) queryClient.setQueryData(key, cart);
      return result;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** The toast after adding several lines, naming what did not make it. */
export function addLinesMessage(r: AddLinesResult): string {
  const parts = [
    r.added
      ? `Added ${r.added} ${r.added === 1 ? 'item' : 'items'} to your cart.`
      : 'Nothing could be added.',
  ];
  if (r.reduced.length)
    parts.push(`Fewer in stock: ${r.reduced.map((x) => `${x.name} (${x.quantity})`).join(', ')}.`);
  if (r.skipped.length) parts.push(`Skipped ${r.skipped.map((x) => `${x.name} (${x.why})`).join(', ')}.`);
  return parts.join(' ');
}
