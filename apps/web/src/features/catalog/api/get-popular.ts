import { useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const usePopularProducts = (limit = 12, store?: string) =>
  useQuery({
    queryKey: ['products', 'popular', limit, store],
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/products/popular', { params: { query: { limit, store } }, signal })),
  });
