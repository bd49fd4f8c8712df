import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, ApiError, unwrap, type BodyOf, type ResponseOf } from '../../../lib/api';

/** The payment as POST /payments/process returns it. */
export type ProcessedPayment = ResponseOf<'/api/v1/payments/process', 'post'>;

export type RetryInput = Omit<BodyOf<'/api/v1/payments/process'>, 'order_id'>;

/**
 * POST /payments/process: pay again for an order waiting for payment. Like checkout, one
 * Idempotency-Key per attempt, reused only when the same body is retried after a network failure
 * or a 5xx, so a flaky connection never charges twice.
 */
export function useRetryPayment(orderId: string) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ key: string; body: string; settled: boolean } | null>(null);
  return useMutation({
    mutationFn: (input: RetryInput) => {
      const body = JSON.stringify(input);
      const prev = attempt.current;
      if (!prev || prev.settled || prev.body !== body)
        attempt.current = { key: `pay-${crypto.randomUUID()}`, body, settled: false };
      return unwrap(
        api.POST('/api/v1/payments/process', {
          params: { header: { 'idempotency-key': attempt.current!.key } },
          body: { order_id: orderId, ...input },
        }),
      );
    },
    onError: (err) => {
      const definite = err instanceof ApiError && err.status >= 400 && err.status < 500;
      if (attempt.current && definite) attempt.current.settled = true;
    },
    onSuccess: () => {
      if (attempt.current) attempt.current.settled = true;
    },
    // Paid, declined or waiting: the order (status, payment) has moved either way.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['orders', orderId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    },
  });
}
