/**
 * Admin API shapes, as the server's route schemas declare them (apps/server/src/modules/*\/routes.ts).
 * Only the fields the console reads are typed.
 */
import type { Role } from '../lib/session';

export type Category = {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  description: string | null;
  sort_order: number;
  is_active: boolean;
  seo_title: string | null;
  seo_description: string | null;
  depth: number;
  product_count: number;
  children: Category[];
};

export type ProductCard = {
  id: string;
  slug: string;
  name: string;
  brand: string | null;
  unit: string | null;
  currency: string;
  price_cents: number;
  sale_price_cents: number | null;
  effective_price_cents: number;
  in_stock: boolean;
  is_featured: boolean;
  rating_average: number;
  rating_count: number;
  image: { thumb: string; card: string } | null;
  category_id: string;
  default_variant_id: string | null;
  has_variants: boolean;
};

export type ProductStatus = 'draft' | 'active' | 'archived';

export type Variant = {
  id: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  price_cents: number;
  sale_price_cents: number | null;
  is_default: boolean;
  position: number;
  weight_grams: number | null;
  status: 'active' | 'archived';
};

type Rendition = { url: string; width: number; height: number };

export type ProductImage = {
  id: string;
  alt: string | null;
  position: number;
  is_main: boolean;
  status: 'processing' | 'ready' | 'failed';
  error: string | null;
  renditions: { thumb: Rendition; card: Rendition; full: Rendition } | null;
};

export type Product = {
  id: string;
  slug: string;
  name: string;
  sku: string;
  short_description: string | null;
  description: string | null;
  brand: string | null;
  tags: string[];
  unit: string | null;
  weight_grams: number | null;
  status: ProductStatus;
  is_featured: boolean;
  seo_title: string | null;
  seo_description: string | null;
  category_id: string;
  currency: string;
  price_cents: number;
  sale_price_cents: number | null;
  in_stock: boolean;
  options: { name: string; values: string[] }[];
  variants: Variant[];
  images: ProductImage[];
  category: { id: string; name: string; slug: string } | null;
  created_at: string;
  updated_at: string;
};

export type PriceChange = {
  id: string;
  variant_id: string;
  sku: string | null;
  old_price_cents: number | null;
  new_price_cents: number;
  old_sale_price_cents: number | null;
  new_sale_price_cents: number | null;
  source: string;
  changed_by: string | null;
  created_at: string;
};

export type ImportReport = {
  created: number;
  updated: number;
  failed: number;
  rows: {
    row: number;
    sku: string | null;
    status: 'created' | 'updated' | 'failed';
    product_id: string | null;
    errors: { field: string; message: string }[];
  }[];
};

export type Warehouse = {
  id: string;
  code: string;
  name: string;
  address: { line1: string; city: string; postal_code: string; country: string };
  is_active: boolean;
  service_postal_codes: string[];
  opening_hours: Partial<Record<string, [string, string]>>;
  base_eta_minutes: number;
  pick_minutes_per_item: number;
};

export type StockLevel = {
  warehouse_id: string;
  variant_id: string;
  on_hand: number;
  reserved: number;
  committed: number;
  available: number;
  low_stock_threshold: number;
  reorder_point: number;
  bin_location: string | null;
  alert_state: string;
  updated_at: string;
};

export type LowStockItem = {
  warehouse_id: string;
  warehouse_code: string;
  variant_id: string;
  sku: string | null;
  product_id: string | null;
  product_name: string | null;
  variant_name: string | null;
  on_hand: number;
  reserved: number;
  available: number;
  low_stock_threshold: number;
  reorder_point: number;
  level: 'low' | 'out';
  updated_at: string;
};

export const MOVEMENT_TYPES = [
  'restock',
  'sale',
  'return',
  'adjustment',
  'reservation',
  'release',
  'commit',
  'transfer_in',
  'transfer_out',
] as const;

export type Movement = {
  id: string;
  warehouse_id: string;
  variant_id: string;
  type: string;
  quantity: number;
  on_hand_before: number;
  on_hand_after: number;
  reference_type: string | null;
  reference_id: string | null;
  note: string | null;
  created_at: string;
};

type Breakdown = {
  sku_rows: number;
  skus: number;
  on_hand: number;
  reserved: number;
  available: number;
  low_stock_count: number;
  out_of_stock_count: number;
  value: { currency: string; at_price_cents: number; at_cost_cents: number }[];
};

export type InventorySummary = {
  totals: Breakdown;
  warehouses: (Breakdown & { warehouse_id: string; code: string; name: string; is_active: boolean })[];
};

export type SyncJob = {
  id: string;
  status: 'pending' | 'running' | 'completed' | 'failed' | 'retrying' | 'cancelled';
  title: string;
  progress: number;
  progress_message: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  report: {
    source: { kind: 'file' | 'url'; filename?: string | null; url?: string; format: 'csv' | 'json' };
    totals: {
      rows: number;
      adjusted: number;
      unchanged: number;
      invalid: number;
      unknown_sku: number;
      unknown_warehouse: number;
      failed: number;
      units_added: number;
      units_removed: number;
    };
    rows: {
      row: number;
      warehouse_code: string | null;
      sku: string | null;
      expected: number | null;
      counted: number | null;
      delta: number | null;
      status: string;
      errors: { field: string; message: string }[];
    }[];
  } | null;
};

export const ORDER_STATUSES = [
  'pending_payment',
  'on_hold',
  'confirmed',
  'packed',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type AdminOrderStatus = (typeof ORDER_STATUSES)[number];

type Totals = {
  subtotal_cents: number;
  discount_cents: number;
  tax_cents: number;
  delivery_fee_cents: number;
  total_cents: number;
};

export type Address = {
  full_name: string;
  phone: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
};

export type AdminOrderListItem = {
  id: string;
  number: string;
  status: AdminOrderStatus;
  user_id: string;
  currency: string;
  totals: Totals;
  refunded_cents: number;
  payment_method: string;
  item_count: number;
  units: number;
  created_at: string;
};

export type AdminOrder = Omit<AdminOrderListItem, 'item_count' | 'units'> & {
  coupon_code: string | null;
  items: {
    id: string;
    product_id: string;
    name: string;
    variant_name: string;
    sku: string;
    image_url: string | null;
    unit_price_cents: number;
    quantity: number;
    line_total_cents: number;
  }[];
  payment: {
    id: string;
    reference: string;
    amount_cents: number;
    method: string;
    status: string;
    card: { brand: string; last4: string } | null;
    captured_cents: number;
    refunded_cents: number;
  } | null;
  shipping_address: Address;
  note: string | null;
  store_id: string;
  eta_minutes: number;
  tracking_number: string | null;
  rider_id: string | null;
  cancel_reason: string | null;
  timeline: {
    from: AdminOrderStatus | null;
    to: AdminOrderStatus;
    actor_id: string | null;
    note: string | null;
    at: string;
  }[];
  staff_notes?: { id: string; author_id: string; body: string; created_at: string }[];
};

export type Coupon = {
  id: string;
  code: string;
  description: string | null;
  kind: 'percent' | 'fixed';
  value: number;
  min_subtotal_cents: number;
  max_discount_cents: number | null;
  starts_at: string | null;
  expires_at: string | null;
  usage_limit: number | null;
  per_user_limit: number | null;
  times_used: number;
  is_active: boolean;
};

export type TaxRate = {
  id: string;
  country: string;
  category_id: string | null;
  name: string;
  rate_bp: number;
};

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected', 'hidden'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type AdminReview = {
  id: string;
  product_id: string;
  rating: number;
  title: string;
  comment: string;
  author_name: string;
  verified_purchase: boolean;
  created_at: string;
  status: ReviewStatus;
  product: { id: string; name: string; slug: string } | null;
  user_id: string;
  moderation_note: string | null;
  moderated_at: string | null;
};

export type ReviewStats = {
  counts: Record<ReviewStatus | 'total', number>;
  average_rating: number | null;
  last_7_days: number;
  last_30_days: number;
};

export type UserStatus = 'active' | 'suspended' | 'deleted';
export type AdminUser = {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  role: Role;
  email_verified: boolean;
  created_at: string;
  status: UserStatus;
  locked_until: string | null;
  last_login_at: string | null;
};

export const DELIVERY_STATUSES = [
  'PLACED',
  'PACKED',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'FAILED',
  'CANCELLED',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type Delivery = {
  id: string;
  order_id: string;
  order_number: string;
  store_id: string;
  status: DeliveryStatus;
  rider_id: string | null;
  dropoff: Address;
  units: number;
  eta_at: string | null;
  eta_minutes: number | null;
  status_changed_at: string;
  delivered_at: string | null;
  created_at: string;
};

export type Job = {
  id: string;
  type: string;
  title: string;
  status: 'pending' | 'running' | 'completed' | 'failed' | 'retrying' | 'cancelled';
  progress: number;
  progress_message: string | null;
  attempts: number;
  max_attempts: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  cancel_requested: boolean;
};

/** A product in the staff list: a storefront card plus what only staff see. */
export type AdminProductCard = ProductCard & {
  sku: string | null;
  status: ProductStatus;
  updated_at: string;
};

export const PAYMENT_STATUSES = [
  'pending',
  'processing',
  'completed',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type Payment = {
  id: string;
  reference: string;
  order_id: string;
  amount_cents: number;
  currency: string;
  method: string;
  status: PaymentStatus;
  card: { brand: string; last4: string; exp_month: number | null; exp_year: number | null } | null;
  next_action: { type: string; message: string; url?: string } | null;
  failure_code: string | null;
  failure_message: string | null;
  captured_cents: number;
  refunded_cents: number;
  disputed_at: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
};

export const REFUND_STATUSES = ['requested', 'succeeded', 'rejected', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export type Refund = {
  id: string;
  payment_id: string;
  order_id: string;
  user_id: string;
  amount_cents: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  items: { variant_id: string; quantity: number }[];
  provider_refund_id: string | null;
  requested_by: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  created_at: string;
  updated_at: string;
};

export type RiskCheck = {
  id: string;
  order_id: string;
  user_id: string;
  ip: string | null;
  amount_cents: number;
  score: number;
  reasons: { rule: string; points: number; detail: string }[];
  decision: 'pass' | 'review' | 'approved' | 'rejected';
  payment_failed: boolean;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  created_at: string;
};

export type PaymentAnalytics = {
  from: string;
  to: string;
  volume_cents: number;
  payments: number;
  success_rate: number | null;
  by_status: { method: string; status: string; count: number; amount_cents: number }[];
  by_method: {
    method: string;
    attempts: number;
    succeeded: number;
    failed: number;
    volume_cents: number;
    success_rate: number | null;
  }[];
  refunds: { count: number; amount_cents: number; pending_requests: number };
  daily: { day: string; revenue_cents: number; refunds_cents: number; net_cents: number; payments: number }[];
};

export type MailMessage = {
  id: string;
  to: string;
  subject: string;
  template: string;
  transport: string | null;
  sent_at: string | null;
  created_at: string;
};
export type MailMessageDetail = MailMessage & { html: string; text: string };
