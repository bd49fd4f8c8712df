import { useQuery } from '@tanstack/react-query';
import { publicApi, unwrap, type ResponseOf } from '../../../lib/api';

export type PaymentMethod = ResponseOf<'/api/v1/payments/methods'>[number];

export const usePaymentMethods = () =>
  useQuery({
    queryKey: ['payments', 'methods'],
    queryFn: ({ signal }) => unwrap(publicApi.GET('/api/v1/payments/methods', { signal })),
    staleTime: 10 * 60_000,
  });
