import { useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const useBoughtTogether = (productId: string | undefined, store?: string, limit = 8) =>
  useQuery({
    queryKey: ['products', productId, 'bought-together', limit, store],
    queryFn: ({ signal }) =>
      unwrap(
        publicApi.GET('/api/v1/products/{id}/bought-together', {
          params: { path: { id: productId! }, query: { limit, store } },
          signal,
        }),
      ),
    enabled: !!productId,
  });
