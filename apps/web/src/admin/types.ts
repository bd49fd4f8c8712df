/** Admin API shapes, from the generated client (the server's route schemas). */
import type { components } from '@cartwheel/client';
import type { ResponseOf } from '../lib/api';

export type Category = components['schemas']['CategoryNode'];

/** A product in the staff list: a storefront card plus what only staff see. */
export type AdminProductCard = ResponseOf<'/api/v1/admin/products'>['items'][number];
export type Product = ResponseOf<'/api/v1/admin/products/{id}'>;
export type ProductStatus = Product['status'];
export type Variant = Product['variants'][number];
export type ProductImage = ResponseOf<'/api/v1/products/{productId}/images'>[number];
export type PriceChange = ResponseOf<'/api/v1/admin/products/{id}/price-history'>[number];
export type ImportReport = ResponseOf<'/api/v1/admin/products/import', 'post'>;

export type Warehouse = ResponseOf<'/api/v1/admin/warehouses'>[number];
export type StockLevel = ResponseOf<'/api/v1/admin/inventory'>['items'][number];
export type LowStockItem = ResponseOf<'/api/v1/admin/inventory/low-stock'>['items'][number];
export type Movement = ResponseOf<'/api/v1/admin/inventory/movements'>['items'][number];
export type InventorySummary = ResponseOf<'/api/v1/admin/inventory/summary'>;
export type SyncJob = ResponseOf<'/api/v1/admin/inventory/sync/{id}'>;

/** The movement filter's choices, in the order the screen offers them. */
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
] as const satisfies readonly Movement['type'][];

export type AdminOrderListItem = ResponseOf<'/api/v1/admin/orders'>['items'][number];
export type AdminOrder = ResponseOf<'/api/v1/admin/orders/{id}'>;
export type AdminOrderStatus = AdminOrder['status'];

export type Coupon = ResponseOf<'/api/v1/admin/coupons'>['items'][number];
export type TaxRate = ResponseOf<'/api/v1/admin/tax-rates'>[number];

export type AdminReview = ResponseOf<'/api/v1/admin/reviews'>['items'][number];
export type ReviewStatus = AdminReview['status'];
export type ReviewStats = ResponseOf<'/api/v1/admin/reviews/statistics'>;

export type AdminUser = ResponseOf<'/api/v1/admin/users'>['items'][number];
export type UserStatus = AdminUser['status'];

export type Delivery = ResponseOf<'/api/v1/admin/deliveries'>['items'][number];
export type DeliveryStatus = Delivery['status'];

export type Job = ResponseOf<'/api/v1/admin/jobs'>['items'][number];

export type Payment = ResponseOf<'/api/v1/payments/{id}'>;
export type PaymentStatus = Payment['status'];
/** The status filter's choices, in the order the screen offers them. */
export const PAYMENT_STATUSES = [
  'pending',
  'processing',
  'completed',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const satisfies readonly PaymentStatus[];

export type Refund = ResponseOf<'/api/v1/admin/refunds'>['items'][number];
export type RefundStatus = Refund['status'];
export type RiskCheck = ResponseOf<'/api/v1/admin/payments/reviews'>['items'][number];
export type PaymentAnalytics = ResponseOf<'/api/v1/admin/payments/analytics'>;

export type MailMessage = ResponseOf<'/api/v1/dev/mailbox'>['items'][number];
export type MailMessageDetail = ResponseOf<'/api/v1/dev/mailbox/{id}'>;
