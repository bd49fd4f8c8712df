import { useQueries } from '@tanstack/react-query';
import { isApiError, publicApi, unwrap } from '../../../lib/api';
import type { ProductCard, ProductDetail } from '../types';

/** A product page read shaped as a card (for lists built from ids, such as "buy again"). */
export const toCard = (p: ProductDetail): ProductCard => {
  const def = p.variants.find((v) => v.is_default) ?? p.variants[0];
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    brand: p.brand,
    unit: p.unit,
    currency: p.currency,
    price_cents: p.price_cents,
    sale_price_cents: p.sale_price_cents,
    effective_price_cents: p.effective_price_cents,
    discount_percent: p.discount_percent,
    in_stock: p.in_stock,
    is_featured: p.is_featured,
    rating_average: p.rating.average,
    rating_count: p.rating.count,
    image: p.main_image ? { thumb: p.main_image.thumb.url, card: p.main_image.card.url } : null,
    category_id: p.category?.id ?? '',
    tags: p.tags,
    default_variant_id: def?.id ?? null,
    has_variants: p.variants.length > 1,
  };
};

/** Current catalog data for several products; ones no longer on sale (404) are left out. */
export function useProductsByIds(ids: string[], store?: string) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['products', 'id', id, store],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        try {
          return await unwrap(
            publicApi.GET('/api/v1/products/{id}', { params: { path: { id }, query: { store } }, signal }),
          );
        } catch (err) {
          if (isApiError(err, 404)) return null;
          throw err;
        }
      },
      staleTime: 60_000,
    })),
    combine: (results) => ({
      pending: results.some((r) => r.isPending),
      products: results.flatMap((r) => (r.data ? [r.data] : [])),
    }),
  });
}
