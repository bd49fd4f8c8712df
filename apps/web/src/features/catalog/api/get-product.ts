import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { ProductDetail } from '../types';

export const productQuery = (slug: string) =>
  queryOptions({
    queryKey: ['products', 'slug', slug],
    queryFn: ({ signal }) =>
      api<ProductDetail>(`/products/slug/${encodeURIComponent(slug)}`, { signal, auth: false }),
  });

export const useProduct = (slug: string) => useQuery(productQuery(slug));
