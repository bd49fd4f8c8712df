import { queryOptions, useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const categoriesQuery = () =>
  queryOptions({
    queryKey: ['categories'],
    queryFn: ({ signal }) => unwrap(publicApi.GET('/api/v1/categories', { signal })),
    staleTime: 5 * 60_000,
  });

export const useCategories = () => useQuery(categoriesQuery());
