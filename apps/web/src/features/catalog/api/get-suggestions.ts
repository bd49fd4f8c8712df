import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Suggestions } from '../types';

export const useSuggestions = (q: string) =>
  useQuery({
    queryKey: ['products', 'suggest', q.toLowerCase()],
    queryFn: ({ signal }) => api<Suggestions>('/products/suggest', { signal, auth: false, query: { q } }),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
