import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';

export const useLoginHistory = (page: number) =>
  useQuery({
    queryKey: ['me', 'login-history', page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/auth/me/login-history', { params: { query: { page, per_page: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });
