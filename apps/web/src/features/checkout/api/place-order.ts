import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, ApiError, unwrap, type BodyOf, type ResponseOf } from '../../../lib/api';

export type CheckoutInput = BodyOf<'/api/v1/orders/checkout'>;

/** The order as checkout returns it. */
export type PlacedOrder = ResponseOf<'/api/v1/orders/checkout', 'post'>;

const newKey = () => `checkout-${crypto.randomUUID()}`;

/**
 * POST /orders/checkout with an Idempotency-Key. One key per attempt: a retry of the same body
 * after a network failure or a 5xx reuses it, so the server returns the order it may already
 * have made instead of making a second one. A changed body or a definite refusal gets a new key.
 */
export function usePlaceOrder() {
  const queryClient = useQueryClient();
  const attempt = useRef<{ key: string; body: string; settled: boolean } | null>(null);
  return useMutation({
    mutationFn: (input: CheckoutInput) => {
      const body = JSON.stringify(input);
      const prev = attempt.current;
      if (!prev || prev.settled || prev.body !== body)
        attempt.current = { key: newKey(), body, settled: false };
      return unwrap(
        api.POST('/api/v1/orders/checkout', {
          params: { header: { 'idempotency-key': attempt.current!.key } },
          body: input,
        }),
      );
    },
    onError: (err) => {
      const definite = err instanceof ApiError && err.status >= 400 && err.status < 500;
      if (attempt.current && definite) attempt.current.settled = true;
    },
    onSuccess: () => {
      if (attempt.current) attempt.current.settled = true;
      // The cart became the order.
      void queryClient.invalidateQueries({ queryKey: ['cart'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    },
  });
}

/** Completes a payment that asked for authentication (sandbox card 4000 0025 0000 3155). */
export const useConfirmPayment = () =>
  useMutation({
    mutationFn: (paymentId: string) =>
      unwrap(api.POST('/api/v1/payments/{id}/confirm', { params: { path: { id: paymentId } } })),
  });
