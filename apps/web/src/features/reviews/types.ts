export type Review = {
  id: string;
  product_id: string;
  rating: number;
  title: string;
  comment: string;
  author_name: string;
  verified_purchase: boolean;
  helpful_count: number;
  unhelpful_count: number;
  created_at: string;
  updated_at: string;
  my_vote?: 'helpful' | 'unhelpful' | null;
};

export type OwnReview = Omit<Review, 'my_vote'> & {
  status: 'pending' | 'approved' | 'rejected' | 'hidden';
  product: { id: string; name: string; slug: string } | null;
};

export const REVIEW_SORTS = ['newest', 'most_helpful', 'rating_desc', 'rating_asc'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export type Distribution = Record<'1' | '2' | '3' | '4' | '5', number>;
