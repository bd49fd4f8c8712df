import type { BodyOf, QueryOf, ResponseOf } from '../../lib/api';

export type Review = ResponseOf<'/api/v1/products/{productId}/reviews'>['items'][number];
/** One of my own reviews, with its moderation status. */
export type OwnReview = ResponseOf<'/api/v1/me/reviews'>['items'][number];
export type ReviewInput = BodyOf<'/api/v1/products/{productId}/reviews'>;

export type ReviewSort = NonNullable<QueryOf<'/api/v1/products/{productId}/reviews'>['sort']>;
export const REVIEW_SORTS = [
  'newest',
  'most_helpful',
  'rating_desc',
  'rating_asc',
] as const satisfies readonly ReviewSort[];
