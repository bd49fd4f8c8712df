import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import type { OwnReview } from '../types';
import { reviewsKey } from './get-reviews';

/**
 * My review of a product, found among my reviews (the API has no per-product lookup). Shoppers
 * write few reviews, so one page of 100 covers them.
 */
export function useMyReview(productId: string) {
  const { user } = useSession();
  return useQuery({
    queryKey: ['my-reviews', user?.id],
    queryFn: ({ signal }) => api<Page<OwnReview>>('/me/reviews', { signal, query: { per_page: 100 } }),
    enabled: !!user,
    select: (page) => page.items.find((r) => r.product_id === productId) ?? null,
  });
}

type ReviewInput = { rating: number; title: string; comment: string };

export function useSaveReview(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ReviewInput }) =>
      id
        ? api<OwnReview>(`/reviews/${id}`, { method: 'PATCH', body: input })
        : api<OwnReview>(`/products/${productId}/reviews`, { method: 'POST', body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['my-reviews'] });
      void queryClient.invalidateQueries({ queryKey: reviewsKey(productId) });
    },
  });
}

export function useDeleteReview(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/reviews/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['my-reviews'] });
      void queryClient.invalidateQueries({ queryKey: reviewsKey(productId) });
    },
  });
}
