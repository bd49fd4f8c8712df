import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, ApiError } from '../../../lib/api';

export type CheckoutInput = {
  shipping_address_id: string;
  billing_address_id?: string;
  payment_method: string;
  card?: { number: string; exp_month: number; exp_year: number; cvc: string };
  note?: string;
};

/** The order as checkout returns it; the orders feature owns the full type. */
export type PlacedOrder = {
  id: string;
  number: string;
  status: string;
  payment: { id: string; status: string; next_action: { type: string; message: string } | null } | null;
};

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
      return api<PlacedOrder>('/orders/checkout', {
        method: 'POST',
        body: input,
        headers: { 'idempotency-key': attempt.current!.key },
      });
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
      api<{ id: string; status: string; failure_message: string | null }>(`/payments/${paymentId}/confirm`, {
        method: 'POST',
      }),
  });
