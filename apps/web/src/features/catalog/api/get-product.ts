import { queryOptions, useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../../lib/api';

/** `store`: the shopper's dark store, which stock marks answer for. */
export const productQuery = (slug: string, store?: string) =>
  queryOptions({
    queryKey: ['products', 'slug', slug, store],
    queryFn: ({ signal }) =>
      unwrap(
        publicApi.GET('/api/v1/products/slug/{slug}', {
          params: { path: { slug }, query: { store } },
          signal,
        }),
      ),
  });

export const useProduct = (slug: string, store?: string) => useQuery(productQuery(slug, store));
