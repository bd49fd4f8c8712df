import { useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const useRelatedProducts = (productId: string | undefined, store?: string, limit = 12) =>
  useQuery({
    queryKey: ['products', productId, 'related', limit, store],
    queryFn: ({ signal }) =>
      unwrap(
        publicApi.GET('/api/v1/products/{id}/related', {
          params: { path: { id: productId! }, query: { limit, store } },
          signal,
        }),
      ),
    enabled: !!productId,
  });
