import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { AdminReview, ReviewStats, ReviewStatus } from '../types';

export const useAdminReviews = (f: { status?: ReviewStatus; page: number }) =>
  useQuery({
    queryKey: ['admin', 'reviews', 'list', f],
    queryFn: ({ signal }) =>
      api<Page<AdminReview>>('/admin/reviews', { signal, query: { ...f, per_page: 20 } }),
    placeholderData: keepPreviousData,
  });

export const useReviewStats = () =>
  useQuery({
    queryKey: ['admin', 'reviews', 'stats'],
    queryFn: ({ signal }) => api<ReviewStats>('/admin/reviews/statistics', { signal }),
  });

export function useModerateReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: 'approve' | 'reject' | 'hide'; note?: string }) =>
      api<AdminReview>(`/admin/reviews/${id}/moderate`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'reviews'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'dashboard'] });
    },
  });
}
