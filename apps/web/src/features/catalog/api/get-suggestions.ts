import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

export const useSuggestions = (q: string) =>
  useQuery({
    queryKey: ['products', 'suggest', q.toLowerCase()],
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/products/suggest', { params: { query: { q } }, signal })),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
