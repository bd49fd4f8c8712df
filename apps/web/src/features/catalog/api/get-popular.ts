import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { ProductCard } from '../types';

export const usePopularProducts = (limit = 12) =>
  useQuery({
    queryKey: ['products', 'popular', limit],
    queryFn: ({ signal }) =>
      api<ProductCard[]>('/products/popular', { signal, auth: false, query: { limit } }),
  });
