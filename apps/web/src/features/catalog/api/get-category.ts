import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { CategoryDetail } from '../types';

export const categoryQuery = (slug: string) =>
  queryOptions({
    queryKey: ['categories', slug],
    queryFn: ({ signal }) =>
      api<CategoryDetail>(`/categories/${encodeURIComponent(slug)}`, { signal, auth: false }),
    staleTime: 5 * 60_000,
  });

export const useCategory = (slug: string) => useQuery(categoryQuery(slug));
