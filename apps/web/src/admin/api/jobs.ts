import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { Job } from '../types';
import { optionalApi } from './optional';

/** null: the jobs monitor routes are not on this server yet. */
export const useJobs = (f: { status?: Job['status']; type?: string; page: number }) =>
  useQuery({
    queryKey: ['admin', 'jobs', 'list', f],
    queryFn: ({ signal }) => optionalApi<Page<Job>>('/admin/jobs', { signal, query: { ...f, per_page: 25 } }),
    placeholderData: keepPreviousData,
    // Running jobs report progress: keep the list moving while any are running.
    refetchInterval: (q) =>
      q.state.data?.items.some((j) => j.status === 'running' || j.status === 'pending') ? 3000 : false,
  });

function useJobAction(action: 'retry' | 'cancel') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/admin/jobs/${id}/${action}`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
}

export const useRetryJob = () => useJobAction('retry');
export const useCancelJob = () => useJobAction('cancel');

export type JobStats = {
  totals: { total: number; completed: number; failed: number; success_rate: number | null };
};
export type QueueStatus = {
  workers_alive: number;
  queue: { ready: number; scheduled: number; locked: number; oldest_ready_at: string | null };
};

/** Last 7 days' outcomes and what the queue holds now (admins only, like the list). */
export const useJobStats = () =>
  useQuery({
    queryKey: ['admin', 'jobs', 'stats'],
    queryFn: async ({ signal }) => {
      const [stats, queue] = await Promise.all([
        optionalApi<JobStats>('/admin/jobs/stats', { signal }),
        optionalApi<QueueStatus>('/admin/jobs/queue', { signal }),
      ]);
      return { stats, queue };
    },
    refetchInterval: 10_000,
  });
