import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: ['orders', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id } }, signal })),
  });

export const useOrder = (id: string) => useQuery(orderQuery(id));

export const useOrders = (page: number) =>
  useQuery({
    queryKey: ['orders', 'list', page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orders', { params: { query: { page, per_page: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });

export function useCancelOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: (order) => {
      queryClient.setQueryData(['orders', id], order);
      void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    },
  });
}
