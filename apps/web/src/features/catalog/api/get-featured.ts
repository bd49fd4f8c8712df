import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { ProductCard } from '../types';

export const useFeaturedProducts = (limit = 12) =>
  useQuery({
    queryKey: ['products', 'featured', limit],
    queryFn: ({ signal }) =>
      api<ProductCard[]>('/products/featured', { signal, auth: false, query: { limit } }),
  });
