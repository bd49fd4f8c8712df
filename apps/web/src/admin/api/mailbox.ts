import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { MailMessage, MailMessageDetail } from '../types';

export const useMailbox = (f: { to?: string; page: number }) =>
  useQuery({
    queryKey: ['admin', 'mailbox', 'list', f],
    queryFn: ({ signal }) =>
      api<Page<MailMessage>>('/dev/mailbox', { signal, query: { ...f, per_page: 30 } }),
    placeholderData: keepPreviousData,
    // New mail arrives from jobs in the background (verification, receipts): look again now and then.
    refetchInterval: 15_000,
  });

export const useMail = (id: string | undefined) =>
  useQuery({
    queryKey: ['admin', 'mailbox', id],
    queryFn: ({ signal }) => api<MailMessageDetail>(`/dev/mailbox/${id}`, { signal }),
    enabled: !!id,
    staleTime: Infinity,
  });
