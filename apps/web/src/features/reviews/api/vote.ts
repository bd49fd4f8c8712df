import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Review } from '../types';
import { reviewsKey } from './get-reviews';

/** Helpful / not helpful; voting the same way again withdraws the vote. */
export function useVoteReview(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ review, helpful }: { review: Review; helpful: boolean }): Promise<unknown> => {
      const same = review.my_vote === (helpful ? 'helpful' : 'unhelpful');
      return same
        ? api<void>(`/reviews/${review.id}/vote`, { method: 'DELETE' })
        : api<Review>(`/reviews/${review.id}/vote`, { method: 'PUT', body: { helpful } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewsKey(productId) }),
  });
}
