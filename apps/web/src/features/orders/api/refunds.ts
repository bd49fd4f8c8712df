import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** A refund or refund request as GET/POST /payments/refunds return it (payments/routes.ts). */
export type Refund = {
  id: string;
  order_id: string;
  amount_cents: number;
  currency: string;
  status: 'requested' | 'succeeded' | 'rejected' | 'failed';
  reason: string;
  review_note: string | null;
  created_at: string;
  updated_at: string;
};

const refundsKey = (orderId: string) => ['orders', orderId, 'refunds'] as const;

export const useRefunds = (orderId: string, enabled = true) =>
  useQuery({
    queryKey: refundsKey(orderId),
    enabled,
    queryFn: ({ signal }) => api<Refund[]>('/payments/refunds', { signal, query: { order_id: orderId } }),
  });

export function useRequestRefund(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { reason: string; amount_cents?: number }) =>
      api<Refund>('/payments/refunds', { method: 'POST', body: { order_id: orderId, ...input } }),
    onSuccess: (refund) => {
      queryClient.setQueryData<Refund[]>(refundsKey(orderId), (list) => [refund, ...(list ?? [])]);
    },
  });
}
