import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { Review } from '../types';
import { reviewsKey } from './get-reviews';

/** Helpful / not helpful; voting the same way again withdraws the vote. */
export function useVoteReview(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ review, helpful }: { review: Review; helpful: boolean }): Promise<unknown> => {
      const params = { path: { id: review.id } };
      const same = review.my_vote === (helpful ? 'helpful' : 'unhelpful');
      return same
        ? unwrap(api.DELETE('/api/v1/reviews/{id}/vote', { params }))
        : unwrap(api.PUT('/api/v1/reviews/{id}/vote', { params, body: { helpful } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewsKey(productId) }),
  });
}
