import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { CategoryNode } from '../types';

export const categoriesQuery = () =>
  queryOptions({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api<CategoryNode[]>('/categories', { signal, auth: false }),
    staleTime: 5 * 60_000,
  });

export const useCategories = () => useQuery(categoriesQuery());
