import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api';

export type AccountEvent = {
  id: string;
  type: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
};

export const useLoginHistory = (page: number) =>
  useQuery({
    queryKey: ['me', 'login-history', page],
    queryFn: ({ signal }) =>
      api<Page<AccountEvent>>('/auth/me/login-history', { signal, query: { page, per_page: 10 } }),
    placeholderData: keepPreviousData,
  });
