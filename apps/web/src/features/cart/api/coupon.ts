import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cartWrite } from './cart-request';
import { useCartKey } from './get-cart';

export function useApplyCoupon() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: (code: string) => cartWrite('/cart/coupon', { method: 'POST', body: { code } }),
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}

export function useRemoveCoupon() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: () => cartWrite('/cart/coupon', { method: 'DELETE' }),
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}
