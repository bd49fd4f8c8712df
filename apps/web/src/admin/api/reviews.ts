import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf, type QueryOf } from '../../lib/api';

export const useAdminReviews = (f: QueryOf<'/api/v1/admin/reviews'> & { page: number }) =>
  useQuery({
    queryKey: ['admin', 'reviews', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/reviews', { params: { query: { ...f, per_page: 20 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const useReviewStats = () =>
  useQuery({
    queryKey: ['admin', 'reviews', 'stats'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/reviews/statistics', { signal })),
  });

export function useModerateReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/admin/reviews/{id}/moderate'>) =>
      unwrap(api.POST('/api/v1/admin/reviews/{id}/moderate', { params: { path: { id } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'reviews'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'dashboard'] });
    },
  });
}
