import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf, type ResponseOf } from '../../../lib/api';

/** A refund or refund request as GET/POST /payments/refunds return it (payments/routes.ts). */
export type Refund = ResponseOf<'/api/v1/payments/refunds'>[number];

const refundsKey = (orderId: string) => ['orders', orderId, 'refunds'] as const;

export const useRefunds = (orderId: string, enabled = true) =>
  useQuery({
    queryKey: refundsKey(orderId),
    enabled,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/payments/refunds', { params: { query: { order_id: orderId } }, signal })),
  });

export function useRequestRefund(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<BodyOf<'/api/v1/payments/refunds'>, 'order_id'>) =>
      unwrap(api.POST('/api/v1/payments/refunds', { body: { order_id: orderId, ...input } })),
    onSuccess: (refund) => {
      queryClient.setQueryData<Refund[]>(refundsKey(orderId), (list) => [refund, ...(list ?? [])]);
    },
  });
}
