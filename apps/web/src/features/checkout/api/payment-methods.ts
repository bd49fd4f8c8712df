import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export type PaymentMethod = {
  id: string;
  name: string;
  requires_card: boolean;
  config: { test_mode?: boolean; test_cards?: { number: string; outcome: string }[] } & Record<
    string,
    unknown
  >;
};

export const usePaymentMethods = () =>
  useQuery({
    queryKey: ['payments', 'methods'],
    queryFn: ({ signal }) => api<PaymentMethod[]>('/payments/methods', { signal, auth: false }),
    staleTime: 10 * 60_000,
  });
