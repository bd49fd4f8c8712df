import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import type { ReviewInput } from '../types';
import { reviewsKey } from './get-reviews';

/**
 * My review of a product, found among my reviews (the API has no per-product lookup). Shoppers
 * write few reviews, so one page of 100 covers them.
 */
export function useMyReview(productId: string) {
  const { user } = useSession();
  return useQuery({
    queryKey: ['my-reviews', user?.id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/me/reviews', { params: { query: { per_page: 100 } }, signal })),
    enabled: !!user,
    select: (page) => page.items.find((r) => r.product_id === productId) ?? null,
  });
}

export function useSaveReview(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ReviewInput }) =>
      id
        ? unwrap(api.PATCH('/api/v1/reviews/{id}', { params: { path: { id } }, body: input }))
        : unwrap(
            api.POST('/api/v1/products/{productId}/reviews', {
              params: { path: { productId } },
              body: input,
            }),
          ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['my-reviews'] });
      void queryClient.invalidateQueries({ queryKey: reviewsKey(productId) });
    },
  });
}

export function useDeleteReview(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/reviews/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['my-reviews'] });
      void queryClient.invalidateQueries({ queryKey: reviewsKey(productId) });
    },
  });
}
