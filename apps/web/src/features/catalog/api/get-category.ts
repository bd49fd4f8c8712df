import { queryOptions, useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const categoryQuery = (slug: string) =>
  queryOptions({
    queryKey: ['categories', slug],
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/categories/{slug}', { params: { path: { slug } }, signal })),
    staleTime: 5 * 60_000,
  });

export const useCategory = (slug: string) => useQuery(categoryQuery(slug));
