/** The cart as the API returns it (apps/server/src/modules/cart/routes.ts). */
export type CartItem = {
  id: string;
  variant_id: string;
  product_id: string | null;
  product_slug: string | null;
  name: string;
  variant_name: string | null;
  sku: string | null;
  image_url: string | null;
  unit: string | null;
  unit_price_cents: number;
  compare_at_price_cents: number | null;
  quantity: number;
  line_subtotal_cents: number;
  available: number;
  warning: { code: string; message: string } | null;
};

export type CartTotals = {
  subtotal_cents: number;
  discount_cents: number;
  tax_cents: number;
  delivery_fee_cents: number;
  total_cents: number;
  currency: string;
  free_delivery_threshold_cents: number;
  amount_to_free_delivery_cents: number;
};

export type Cart = {
  id: string;
  postal_code: string | null;
  store: { id: string; code: string; name: string; eta_minutes: number } | null;
  items: CartItem[];
  coupon: {
    code: string;
    description: string | null;
    discount_cents: number;
    problem?: string | null;
  } | null;
  totals: CartTotals;
  item_count: number;
  quantity: number;
  updated_at: string;
};
