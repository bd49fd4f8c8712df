import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';

export const useMailbox = (f: { to?: string; page: number }) =>
  useQuery({
    queryKey: ['admin', 'mailbox', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/dev/mailbox', { params: { query: { ...f, per_page: 30 } }, signal })),
    placeholderData: keepPreviousData,
    // New mail arrives from jobs in the background (verification, receipts): look again now and then.
    refetchInterval: 15_000,
  });

export const useMail = (id: string | undefined) =>
  useQuery({
    queryKey: ['admin', 'mailbox', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/dev/mailbox/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
    staleTime: Infinity,
  });
