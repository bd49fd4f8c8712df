import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import type { Distribution, Review, ReviewSort } from '../types';

export type ReviewPage = Page<Review> & {
  summary: { average: number; count: number; distribution: Distribution };
};

export const reviewsKey = (productId: string) => ['reviews', productId] as const;

/** Signed-in callers also get their own vote on each review (my_vote). */
export function useProductReviews(productId: string, sort: ReviewSort, page: number) {
  const { user } = useSession();
  return useQuery({
    queryKey: [...reviewsKey(productId), sort, page, user?.id ?? null],
    queryFn: ({ signal }) =>
      api<ReviewPage>(`/products/${productId}/reviews`, { signal, query: { sort, page, per_page: 5 } }),
    placeholderData: keepPreviousData,
  });
}
