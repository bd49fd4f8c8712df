import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { ProductCard } from '../types';

export const useRelatedProducts = (productId: string | undefined, limit = 12) =>
  useQuery({
    queryKey: ['products', productId, 'related', limit],
    queryFn: ({ signal }) =>
      api<ProductCard[]>(`/products/${productId}/related`, { signal, auth: false, query: { limit } }),
    enabled: !!productId,
  });
