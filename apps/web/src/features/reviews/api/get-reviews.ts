import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseOf } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import type { ReviewSort } from '../types';

/** A page of a product's reviews, with the rating summary. */
export type ReviewPage = ResponseOf<'/api/v1/products/{productId}/reviews'>;

export const reviewsKey = (productId: string) => ['reviews', productId] as const;

/** Signed-in callers also get their own vote on each review (my_vote). */
export function useProductReviews(productId: string, sort: ReviewSort, page: number) {
  const { user } = useSession();
  return useQuery({
    queryKey: [...reviewsKey(productId), sort, page, user?.id ?? null],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/products/{productId}/reviews', {
          params: { path: { productId }, query: { sort, page, per_page: 5 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
