import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  char,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from '../../platform/schema.js';

export const paymentStatus = pgEnum('payment_status', [
  'pending',
  'processing',
  'completed',
  'failed',
  'cancelled',
  'refunded',
  'partially_refunded',
]);

/**
 * PAY-2. Amounts in minor units. Card details are brand, last 4 and expiry only: a PAN or CVC is
 * never stored (providers receive it; the record keeps what a receipt shows).
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    method: text('method').notNull(),
    status: paymentStatus('status').notNull().default('pending'),
    providerPaymentId: text('provider_payment_id'),
    providerResponse: jsonb('provider_response').$type<Record<string, unknown>>(),
    nextAction: jsonb('next_action').$type<{ type: string; message: string; url?: string }>(),
    cardBrand: text('card_brand'),
    cardLast4: char('card_last4', { length: 4 }),
    cardExpMonth: smallint('card_exp_month'),
    cardExpYear: smallint('card_exp_year'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    capturedCents: integer('captured_cents').notNull().default(0),
    refundedCents: integer('refunded_cents').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** A keyed hash of the card number (never the number): velocity rules match cards with it. */
    cardFingerprint: text('card_fingerprint'),
    /** Set by a provider's dispute / chargeback webhook; staff see it on the order. */
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
    disputeReason: text('dispute_reason'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('payments_reference_key').on(t.reference),
    index('payments_order_idx').on(t.orderId, t.createdAt),
    index('payments_user_idx').on(t.userId, t.createdAt),
    index('payments_created_idx').on(t.createdAt),
    uniqueIndex('payments_provider_id_key')
      .on(t.method, t.providerPaymentId)
      .where(sql`${t.providerPaymentId} is not null`),
    check('payments_amount', sql`${t.amountCents} >= 0`),
    check('payments_refund_le_captured', sql`${t.refundedCents} <= ${t.capturedCents}`),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;

/**
 * PAY-4. Every verified provider event, once: the unique key makes a replayed delivery a no-op.
 * The row and its processing job are written in one transaction.
 */
export const webhookEventStatus = pgEnum('payment_webhook_status', ['received', 'processed', 'ignored']);

export const paymentWebhookEvents = pgTable(
  'payment_webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /** The normalised event (kind, provider payment id, amounts); no card data is ever in it. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: webhookEventStatus('status').notNull().default('received'),
    result: text('result'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payment_webhook_events_provider_event_key').on(t.provider, t.eventId),
    index('payment_webhook_events_received_idx').on(t.receivedAt),
  ],
);

/** PAY-5. A customer's request waits for staff (requested); staff refunds are recorded as they happen. */
export const refundStatus = pgEnum('refund_status', ['requested', 'succeeded', 'rejected', 'failed']);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: refundStatus('status').notNull(),
    reason: text('reason').notNull(),
    /** Items coming back to the store: their stock is returned when the refund succeeds. */
    items: jsonb('items').$type<{ variantId: string; quantity: number }[]>().notNull().default([]),
    providerRefundId: text('provider_refund_id'),
    requestedBy: uuid('requested_by'),
    reviewedBy: uuid('reviewed_by'),
    reviewNote: text('review_note'),
    ...timestamps,
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_status_idx').on(t.status, t.createdAt),
    check('refunds_amount', sql`${t.amountCents} > 0`),
  ],
);

/**
 * PAY-6. One row per payment attempt: the rules' score with the reasons, and what came of it.
 * `payment_failed` feeds the "recent failed attempts" rule (declined checkouts included).
 */
export const riskDecision = pgEnum('risk_decision', ['pass', 'review', 'approved', 'rejected']);

export const paymentRiskChecks = pgTable(
  'payment_risk_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** No foreign key: a declined checkout's order was rolled back, its attempt still counts. */
    orderId: uuid('order_id').notNull(),
    userId: uuid('user_id').notNull(),
    ip: text('ip'),
    cardFingerprint: text('card_fingerprint'),
    amountCents: integer('amount_cents').notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<{ rule: string; points: number; detail: string }[]>().notNull(),
    decision: riskDecision('decision').notNull(),
    paymentFailed: boolean('payment_failed').notNull().default(false),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_risk_checks_order_idx').on(t.orderId, t.createdAt),
    index('payment_risk_checks_user_idx').on(t.userId, t.createdAt),
    index('payment_risk_checks_ip_idx').on(t.ip, t.createdAt),
    index('payment_risk_checks_card_idx').on(t.cardFingerprint, t.createdAt),
    index('payment_risk_checks_review_idx')
      .on(t.createdAt)
      .where(sql`${t.decision} = 'review'`),
  ],
);

export type WebhookEventRow = typeof paymentWebhookEvents.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type RiskCheckRow = typeof paymentRiskChecks.$inferSelect;
