import type { Cart, CartItem, CartTotals } from '../features/cart/types';
import type { ProductCard } from '../features/catalog/types';

export const VARIANT = '7f1c2b3a-0000-4000-8000-000000000001';
export const ITEM = '7f1c2b3a-0000-4000-8000-0000000000a1';
export const STORE = '5e0a4d2c-0000-4000-8000-000000000005';

export function totals(patch: Partial<CartTotals> = {}): CartTotals {
  return {
    subtotal_cents: 598,
    discount_cents: 0,
    tax_cents: 48,
    delivery_fee_cents: 299,
    total_cents: 945,
    currency: 'USD',
    free_delivery_threshold_cents: 1500,
    amount_to_free_delivery_cents: 902,
    ...patch,
  };
}

export function line(patch: Partial<CartItem> = {}): CartItem {
  const quantity = patch.quantity ?? 1;
  return {
    id: ITEM,
    variant_id: VARIANT,
    product_id: '7f1c2b3a-0000-4000-8000-0000000000b1',
    product_slug: 'whole-milk',
    name: 'Whole Milk',
    variant_name: null,
    sku: 'MILK-1L',
    image_url: null,
    unit: '1 L',
    unit_price_cents: 299,
    compare_at_price_cents: null,
    quantity,
    line_subtotal_cents: 299 * quantity,
    available: 20,
    warning: null,
    ...patch,
  };
}

export function cart(items: CartItem[] = [], patch: Partial<Cart> = {}): Cart {
  return {
    id: '7f1c2b3a-0000-4000-8000-0000000000c1',
    postal_code: '10001',
    store: { id: STORE, code: 'DS-CENTRAL', name: 'Cartwheel Central', eta_minutes: 10 },
    items,
    coupon: null,
    totals: totals(),
    item_count: items.length,
    quantity: items.reduce((n, i) => n + i.quantity, 0),
    updated_at: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

export function productCard(patch: Partial<ProductCard> = {}): ProductCard {
  return {
    id: '7f1c2b3a-0000-4000-8000-0000000000b1',
    slug: 'whole-milk',
    name: 'Whole Milk',
    brand: 'Acme',
    unit: '1 L',
    currency: 'USD',
    price_cents: 299,
    sale_price_cents: null,
    effective_price_cents: 299,
    discount_percent: 0,
    in_stock: true,
    is_featured: false,
    rating_average: 0,
    rating_count: 0,
    image: null,
    category_id: '7f1c2b3a-0000-4000-8000-0000000000c9',
    tags: [],
    default_variant_id: VARIANT,
    has_variants: false,
    ...patch,
  };
}

/** GET /products as the server answers it: these cards on one page, with facets. */
export function searchResult(items: ProductCard[], page = 1) {
  return {
    items,
    page,
    per_page: 24,
    total: items.length,
    total_pages: 3,
    facets: {
      categories: [],
      brands: [
        { brand: 'Acme', count: 3 },
        { brand: 'Dairyland', count: 2 },
      ],
      price_buckets: [{ min_cents: 0, max_cents: 200, count: 5 }],
    },
  };
}
