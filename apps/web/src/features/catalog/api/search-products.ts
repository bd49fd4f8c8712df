import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api';
import type { Facets, ProductCard } from '../types';

export const SORTS = ['relevance', 'popularity', 'price_asc', 'price_desc', 'rating', 'newest'] as const;
export type Sort = (typeof SORTS)[number];

/** The filters a listing URL carries (?q=&category=&brand=a,b&min_price=…), in API terms. */
export type ProductFilters = {
  q?: string;
  category?: string;
  brand?: string[];
  min_price?: number;
  max_price?: number;
  in_stock?: boolean;
  featured?: boolean;
  rating_gte?: number;
  sort?: Sort;
  page?: number;
  per_page?: number;
};

export type SearchResult = Page<ProductCard> & { facets: Facets };

export const searchQuery = (f: ProductFilters) =>
  queryOptions({
    queryKey: ['products', 'search', f],
    queryFn: ({ signal }) =>
      api<SearchResult>('/products', {
        signal,
        auth: false,
        query: {
          ...f,
          in_stock: f.in_stock ? 'true' : undefined,
          featured: f.featured ? 'true' : undefined,
          brand: f.brand,
        },
      }),
  });

/** Keeps showing the previous page of results while a new filter loads (no flash of empty). */
export const useSearchProducts = (f: ProductFilters) =>
  useQuery({ ...searchQuery(f), placeholderData: keepPreviousData });
