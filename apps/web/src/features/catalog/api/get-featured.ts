import { useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const useFeaturedProducts = (limit = 12, store?: string) =>
  useQuery({
    queryKey: ['products', 'featured', limit, store],
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/products/featured', { params: { query: { limit, store } }, signal })),
  });
