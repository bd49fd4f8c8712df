import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { cartWrite } from './cart-request';
import { useCartKey } from './get-cart';

/** Points the cart at the dark store serving a postal code (prices and stock follow it). */
export function useSetCartLocation() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: (postalCode: string) =>
      cartWrite((header) =>
        unwrap(api.PUT('/api/v1/cart/location', { params: { header }, body: { postal_code: postalCode } })),
      ),
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}
