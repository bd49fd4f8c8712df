import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cartWrite } from './cart-request';
import { useCartKey } from './get-cart';

/** Points the cart at the dark store serving a postal code (prices and stock follow it). */
export function useSetCartLocation() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: (postalCode: string) =>
      cartWrite('/cart/location', { method: 'PUT', body: { postal_code: postalCode } }),
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}
