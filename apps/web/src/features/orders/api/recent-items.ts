import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';

/**
 * What the shopper bought lately (for "buy again"): distinct variants from their last few orders,
 * most recent first. Cancelled orders count too — the shopper wanted those things.
 */
export function useRecentlyBought(enabled: boolean, orders = 3) {
  return useQuery({
    queryKey: ['orders', 'recently-bought', orders],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const list = await unwrap(
        api.GET('/api/v1/orders', { params: { query: { per_page: orders } }, signal }),
      );
      const details = await Promise.all(
        list.items.map((o) =>
          unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id: o.id } }, signal })),
        ),
      );
      const seen = new Set<string>();
      const items: { productId: string; variantId: string }[] = [];
      for (const o of details)
        for (const i of o.items) {
          if (seen.has(i.product_id)) continue;
          seen.add(i.product_id);
          items.push({ productId: i.product_id, variantId: i.variant_id });
        }
      return items.slice(0, 12);
    },
  });
}
