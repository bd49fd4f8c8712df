import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { cartWrite } from './cart-request';
import { useCartKey } from './get-cart';

export function useApplyCoupon() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: (code: string) =>
      cartWrite((header) => unwrap(api.POST('/api/v1/cart/coupon', { params: { header }, body: { code } }))),
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}

export function useRemoveCoupon() {
  const queryClient = useQueryClient();
  const key = useCartKey();
  return useMutation({
    mutationFn: () =>
      cartWrite((header) => unwrap(api.DELETE('/api/v1/cart/coupon', { params: { header } }))),
    onSuccess: (cart) => queryClient.setQueryData(key, cart),
  });
}
