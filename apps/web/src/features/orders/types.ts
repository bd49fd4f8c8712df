/** Orders as the API returns them (apps/server/src/modules/orders/routes.ts). */
export const ORDER_STATUSES = [
  'pending_payment',
  'confirmed',
  'packed',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderTotals = {
  subtotal_cents: number;
  discount_cents: number;
  tax_cents: number;
  delivery_fee_cents: number;
  total_cents: number;
};

export type Payment = {
  id: string;
  reference: string;
  amount_cents: number;
  currency: string;
  method: string;
  status: 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'refunded' | 'partially_refunded';
  card: { brand: string; last4: string; exp_month: number | null; exp_year: number | null } | null;
  next_action: { type: string; message: string } | null;
  failure_code: string | null;
  failure_message: string | null;
  captured_cents: number;
  refunded_cents: number;
};

export type OrderAddress = {
  full_name: string;
  phone: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
};

type OrderSummary = {
  id: string;
  number: string;
  status: OrderStatus;
  currency: string;
  totals: OrderTotals;
  refunded_cents: number;
  coupon_code: string | null;
  payment_method: string;
  created_at: string;
  updated_at: string;
};

export type OrderListItem = OrderSummary & {
  item_count: number;
  units: number;
  preview: { name: string; image_url: string | null; quantity: number }[];
};

export type Order = OrderSummary & {
  items: {
    id: string;
    product_id: string;
    variant_id: string;
    name: string;
    variant_name: string;
    sku: string;
    image_url: string | null;
    unit: string | null;
    unit_price_cents: number;
    quantity: number;
    line_subtotal_cents: number;
    discount_cents: number;
    line_total_cents: number;
  }[];
  payment: Payment | null;
  shipping_address: OrderAddress;
  note: string | null;
  eta_minutes: number;
  cancel_reason: string | null;
  payment_due_at: string | null;
  confirmed_at: string | null;
  delivered_at: string | null;
  cancelled_at: string | null;
  timeline: { from: OrderStatus | null; to: OrderStatus; note: string | null; at: string }[];
};

export const CANCELLABLE: OrderStatus[] = ['pending_payment', 'confirmed', 'packed'];
