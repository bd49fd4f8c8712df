import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api';
import type { Order, OrderListItem } from '../types';

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: ['orders', id],
    queryFn: ({ signal }) => api<Order>(`/orders/${id}`, { signal }),
  });

export const useOrder = (id: string) => useQuery(orderQuery(id));

export const useOrders = (page: number) =>
  useQuery({
    queryKey: ['orders', 'list', page],
    queryFn: ({ signal }) => api<Page<OrderListItem>>('/orders', { signal, query: { page, per_page: 10 } }),
    placeholderData: keepPreviousData,
  });

export function useCancelOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api<Order>(`/orders/${id}/cancel`, { method: 'POST', body: { reason } }),
    onSuccess: (order) => {
      queryClient.setQueryData(['orders', id], order);
      void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    },
  });
}
