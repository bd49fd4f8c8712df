import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { Job } from '../types';
import { optional } from './optional';

/** null: this server does not serve the jobs monitor routes. */
export const useJobs = (f: { status?: Job['status']; type?: string; page: number }) =>
  useQuery({
    queryKey: ['admin', 'jobs', 'list', f],
    queryFn: ({ signal }) =>
      optional(unwrap(api.GET('/api/v1/admin/jobs', { params: { query: { ...f, per_page: 25 } }, signal }))),
    placeholderData: keepPreviousData,
    // Running jobs report progress: keep the list moving while any are running.
    refetchInterval: (q) =>
      q.state.data?.items.some((j) => j.status === 'running' || j.status === 'pending') ? 3000 : false,
  });

function useJobAction(action: 'retry' | 'cancel') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => {
      const params = { path: { id } };
      return unwrap(
        action === 'retry'
          ? api.POST('/api/v1/admin/jobs/{id}/retry', { params })
          : api.POST('/api/v1/admin/jobs/{id}/cancel', { params }),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
}

export const useRetryJob = () => useJobAction('retry');
export const useCancelJob = () => useJobAction('cancel');

/** Last 7 days' outcomes and what the queue holds now (admins only, like the list). */
export const useJobStats = () =>
  useQuery({
    queryKey: ['admin', 'jobs', 'stats'],
    queryFn: async ({ signal }) => {
      const [stats, queue] = await Promise.all([
        optional(unwrap(api.GET('/api/v1/admin/jobs/stats', { signal }))),
        optional(unwrap(api.GET('/api/v1/admin/jobs/queue', { signal }))),
      ]);
      return { stats, queue };
    },
    refetchInterval: 10_000,
  });
