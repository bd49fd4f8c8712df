import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../../lib/session';
import { fetchCart } from './cart-request';

/** Cache key per shopper, so signing in or out never shows the other person's cart. */
export const cartKey = (userId: string | undefined) => ['cart', userId ?? 'guest'] as const;

export function useCartKey() {
  const { user } = useSession();
  return cartKey(user?.id);
}

export function useCart() {
  const key = useCartKey();
  return useQuery({ queryKey: key, queryFn: ({ signal }) => fetchCart(signal), staleTime: 15_000 });
}

/** The line holding a variant, if it is in the cart. */
export function useCartLine(variantId: string | null | undefined) {
  const { data } = useCart();
  return variantId ? data?.items.find((i) => i.variant_id === variantId) : undefined;
}
