import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { publicApi, unwrap, type QueryOf } from '../../../lib/api';

export type Sort = NonNullable<QueryOf<'/api/v1/products'>['sort']>;
export const SORTS = [
  'relevance',
  'popularity',
  'price_asc',
  'price_desc',
  'rating',
  'newest',
] as const satisfies readonly Sort[];

/** The filters a listing URL carries (?q=&category=&brand=a,b&min_price=…), in API terms. */
export type ProductFilters = {
  q?: string;
  category?: string;
  brand?: string[];
  min_price?: number;
  max_price?: number;
  in_stock?: boolean;
  /** The shopper's dark store: stock marks and the in-stock filter answer for it. */
  store?: string;
  featured?: boolean;
  rating_gte?: number;
  sort?: Sort;
  page?: number;
  per_page?: number;
};

export const searchQuery = (f: ProductFilters) =>
  queryOptions({
    queryKey: ['products', 'search', f],
    queryFn: ({ signal }) => {
      const { brand, in_stock, featured, ...rest } = f;
      return unwrap(
        publicApi.GET('/api/v1/products', {
          params: {
            query: {
              ...rest,
              brand: brand?.join(','),
              in_stock: in_stock ? 'true' : undefined,
              featured: featured ? 'true' : undefined,
            },
          },
          signal,
        }),
      );
    },
  });

/** Keeps showing the previous page of results while a new filter loads (no flash of empty). */
export const useSearchProducts = (f: ProductFilters) =>
  useQuery({ ...searchQuery(f), placeholderData: keepPreviousData });
