import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { ProductCard } from '../types';

export const useBoughtTogether = (productId: string | undefined, limit = 8) =>
  useQuery({
    queryKey: ['products', productId, 'bought-together', limit],
    queryFn: ({ signal }) =>
      api<ProductCard[]>(`/products/${productId}/bought-together`, {
        signal,
        auth: false,
        query: { limit },
      }),
    enabled: !!productId,
  });
