import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/auth.js';
import { isStaff } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';
import { claimIdempotencyKey } from '../../platform/idempotency.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { enqueue } from '../../platform/queue.js';
import { processWebhookJob, sandboxSettleJob } from './jobs.js';
import {
  SANDBOX_SIGNATURE_HEADER,
  SANDBOX_TEST_CARDS,
  signSandboxWebhook,
  type SandboxEvent,
} from './providers/sandbox.js';
import {
  ProviderError,
  WebhookSignatureError,
  type CardInput,
  type PaymentProvider,
  type ProviderOutcome,
  type WebhookEvent,
} from './providers/types.js';
import { cardFingerprint, orderAwaitsReview, scoreRisk, type RiskConfig } from './risk.js';
import {
  paymentRiskChecks,
  payments,
  paymentWebhookEvents,
  refunds,
  type PaymentRow,
  type RefundRow,
  type RiskCheckRow,
} from './schema.js';

type OrderForPayment = {
  id: string;
  status: string;
  userId: string;
  number: string;
  totalCents: number;
  currency: string;
  shippingAddress: { postal_code: string; country: string };
  billingAddress: { postal_code: string; country: string };
};

/**
 * What payments needs from the orders module. Locks are always taken order first, then payment,
 * so a cancel racing a payment confirmation cannot deadlock and ends in one consistent state.
 */
export type PaymentOrderPort = {
  lockOrder: (tx: DbOrTx, orderId: string) => Promise<OrderForPayment | undefined>;
  /** Paid: confirms a pending order, or holds it when fraud review says so. Caller holds the lock. */
  paymentCompleted: (tx: DbOrTx, orderId: string) => Promise<void>;
  /** The order's lines, for returned-items checks. */
  items: (tx: DbOrTx, orderId: string) => Promise<{ variantId: string; quantity: number }[]>;
  /** Money went back: order refunded / partially_refunded, returned items back on the shelf, email. */
  recordRefund: (
    tx: DbOrTx,
    orderId: string,
    amountCents: number,
    actorId: string | null,
    returnedItems: { variantId: string; quantity: number }[],
  ) => Promise<void>;
  flagDisputed: (tx: DbOrTx, orderId: string, reason: string) => Promise<void>;
  /** Staff decisions on a held order go through the orders workflow (confirmed / cancelled). */
  advance: (
    tx: DbOrTx,
    orderId: string,
    to: 'confirmed' | 'cancelled',
    actorId: string,
    note: string,
  ) => Promise<unknown>;
};

/** A failed attempt at checkout rolls back with the order; what it was still counts for fraud rules. */
type AttemptRecord = typeof paymentRiskChecks.$inferInsert;

export class PaymentDeclinedError extends AppError {
  constructor(
    code: string,
    message: string,
    public readonly attempt?: AttemptRecord,
    paymentId?: string,
  ) {
    super(402, 'PAYMENT_DECLINED', message, [
      { field: 'card', message: code },
      ...(paymentId ? [{ field: 'payment_id', message: paymentId }] : []),
    ]);
  }
}

const OPEN: PaymentRow['status'][] = ['pending', 'processing'];
const PAID: PaymentRow['status'][] = ['completed', 'partially_refunded', 'refunded'];
const REFUNDABLE: PaymentRow['status'][] = ['completed', 'partially_refunded'];
const REFUNDABLE_ORDER = ['confirmed', 'packed', 'out_for_delivery', 'delivered', 'partially_refunded'];

export const toPayment = (p: PaymentRow) => ({
  id: p.id,
  reference: p.reference,
  order_id: p.orderId,
  amount_cents: p.amountCents,
  currency: p.currency,
  method: p.method,
  status: p.status,
  card: p.cardLast4
    ? {
        brand: p.cardBrand ?? 'unknown',
        last4: p.cardLast4,
        exp_month: p.cardExpMonth,
        exp_year: p.cardExpYear,
      }
    : null,
  next_action: p.nextAction ?? null,
  failure_code: p.failureCode,
  failure_message: p.failureMessage,
  captured_cents: p.capturedCents,
  refunded_cents: p.refundedCents,
  disputed_at: p.disputedAt?.toISOString() ?? null,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
  completed_at: p.completedAt?.toISOString() ?? null,
});
export type PaymentView = ReturnType<typeof toPayment>;

const toRefund = (r: RefundRow) => ({
  id: r.id,
  payment_id: r.paymentId,
  order_id: r.orderId,
  user_id: r.userId,
  amount_cents: r.amountCents,
  currency: r.currency,
  status: r.status,
  reason: r.reason,
  items: r.items.map((i) => ({ variant_id: i.variantId, quantity: i.quantity })),
  provider_refund_id: r.providerRefundId,
  requested_by: r.requestedBy,
  reviewed_by: r.reviewedBy,
  review_note: r.reviewNote,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

const toRisk = (r: RiskCheckRow) => ({
  id: r.id,
  order_id: r.orderId,
  user_id: r.userId,
  ip: r.ip,
  amount_cents: r.amountCents,
  score: r.score,
  reasons: r.reasons,
  decision: r.decision,
  payment_failed: r.paymentFailed,
  reviewed_by: r.reviewedBy,
  reviewed_at: r.reviewedAt?.toISOString() ?? null,
  review_note: r.reviewNote,
  created_at: r.createdAt.toISOString(),
});

const newReference = () => `PAY-${randomBytes(8).toString('hex').toUpperCase()}`;

export type PaymentsConfig = {
  /** Keys card fingerprints (velocity per card) so a leaked table reveals nothing about cards. */
  fingerprintSecret: string;
  sandboxWebhookSecret: string;
  sandboxSettleDelayMs: number;
  risk: RiskConfig;
};

export type AttemptInput = {
  orderId: string;
  orderNumber: string;
  userId: string;
  amountCents: number;
  currency: string;
  method: string;
  card?: CardInput;
  token?: string;
  ip?: string | null;
  shipping: { postal_code: string; country: string };
  billing: { postal_code: string; country: string };
  /** When the account was created, if the caller already read it (checkout); otherwise looked up. */
  accountCreatedAt?: Date | null;
};

export function createPaymentsService(deps: {
  db: Db;
  providers: PaymentProvider[];
  config: PaymentsConfig;
  users: { getContact: (userId: string, tx?: DbOrTx) => Promise<{ createdAt?: Date } | undefined> };
  log?: FastifyBaseLogger;
}) {
  const { db, config } = deps;
  const providers = new Map(deps.providers.map((p) => [p.name, p]));
  let orders: PaymentOrderPort | undefined;

  const providerOf = (name: string) => {
    const p = providers.get(name);
    if (!p)
      throw unprocessable('PAYMENT_METHOD_UNAVAILABLE', `Payment method "${name}" is not available`, [
        { field: 'payment_method', message: `one of: ${[...providers.keys()].join(', ')}` },
      ]);
    return p;
  };
  const orderPort = () => {
    if (!orders) throw new Error('payments: the orders port is not connected');
    return orders;
  };

  /** Calls the provider; its failure becomes a 502 and the caller's transaction rolls back. */
  async function call<T>(provider: PaymentProvider, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw providerFailure(err);
    }
  }
  const providerFailure = (err: unknown) => {
    const message = err instanceof ProviderError ? err.message : 'unexpected provider failure';
    if (!(err instanceof ProviderError)) deps.log?.error({ err }, 'payment provider failed');
    return new AppError(
      502,
      'PAYMENT_PROVIDER_ERROR',
      `The payment provider failed (${message}); nothing was charged`,
    );
  };

  const outcomeFields = (o: ProviderOutcome, amountCents: number) => ({
    // Authorized money is held, not taken: the payment stays open until it is captured or voided.
    status: o.status === 'authorized' ? ('processing' as const) : o.status,
    providerPaymentId: o.providerPaymentId,
    providerResponse: { ...o.response, ...(o.status === 'authorized' ? { authorized: true } : {}) },
    nextAction: o.nextAction ?? null,
    failureCode: o.failure?.code ?? null,
    failureMessage: o.failure?.message ?? null,
    capturedCents: o.status === 'completed' ? amountCents : 0,
    ...(o.status === 'completed' ? { completedAt: new Date() } : {}),
    updatedAt: new Date(),
  });
  const isAuthorized = (p: PaymentRow) =>
    p.status === 'processing' && p.providerResponse?.authorized === true;

  async function lockPayment(tx: DbOrTx, id: string) {
    const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
    return row;
  }

  const visible = (actor: Actor, p: PaymentRow | undefined) => {
    // Someone else's payment answers exactly like a missing one.
    if (!p || (p.userId !== actor.id && !isStaff(actor))) throw notFound('Payment');
    return p;
  };

  /** Captures an authorization; the payment row is locked by the caller. */
  async function capture(tx: DbOrTx, p: PaymentRow) {
    const provider = providerOf(p.method);
    if (!provider.capture) throw new Error(`${provider.name} cannot capture`);
    const outcome = await call(provider, () => provider.capture!(p, `${p.reference}-capture`));
    const [updated] = await tx
      .update(payments)
      .set(outcomeFields({ ...outcome, card: undefined }, p.amountCents))
      .where(eq(payments.id, p.id))
      .returning();
    return updated!;
  }

  /**
   * One payment attempt: score the risk, ask the provider, write the payment and the risk check.
   * `next` tells the caller what the order does now. At checkout (`rollbackOnFailure`), a decline
   * or provider failure throws so the whole checkout rolls back; a retry records the failure.
   */
  async function attempt(
    tx: DbOrTx,
    input: AttemptInput,
    opts: { rollbackOnFailure: boolean; newOrder: boolean },
  ) {
    const provider = providerOf(input.method);
    const reference = newReference();
    // The sandbox's published test cards are shared by every tester: matching them would flag every demo.
    const shared =
      provider.name === 'sandbox' && SANDBOX_TEST_CARDS.some((c) => c.number === input.card?.number);
    const fingerprint =
      input.card && !shared ? cardFingerprint(config.fingerprintSecret, input.card.number) : null;
    const accountCreatedAt =
      input.accountCreatedAt !== undefined
        ? input.accountCreatedAt
        : ((await deps.users.getContact(input.userId, tx))?.createdAt ?? null);
    const risk = await scoreRisk(tx, config.risk, {
      userId: input.userId,
      ip: input.ip ?? null,
      cardFingerprint: fingerprint,
      amountCents: input.amountCents,
      accountCreatedAt,
      shipping: input.shipping,
      billing: input.billing,
    });
    // A held order stays held through retries until staff decide (a new order has no decision yet).
    const review = risk.review || (!opts.newOrder && (await orderAwaitsReview(tx, input.orderId)));
    const check: AttemptRecord = {
      orderId: input.orderId,
      userId: input.userId,
      ip: input.ip ?? null,
      cardFingerprint: fingerprint,
      amountCents: input.amountCents,
      score: risk.score,
      reasons: risk.reasons,
      decision: review ? 'review' : 'pass',
    };

    let outcome: ProviderOutcome;
    try {
      outcome = await provider.create({
        reference,
        amountCents: input.amountCents,
        currency: input.currency,
        card: input.card,
        token: input.token,
        description: `Order ${input.orderNumber}`,
        idempotencyKey: reference,
      });
    } catch (err) {
      if (opts.rollbackOnFailure || err instanceof AppError)
        throw err instanceof AppError ? err : providerFailure(err);
      outcome = {
        status: 'failed',
        providerPaymentId: null,
        response: {},
        failure: { code: 'provider_error', message: providerFailure(err).message },
      };
    }
    const failed = outcome.status === 'failed';
    if (failed && opts.rollbackOnFailure)
      throw new PaymentDeclinedError(
        outcome.failure?.code ?? 'declined',
        outcome.failure?.message ?? 'Payment declined',
        { ...check, paymentFailed: true },
      );
    await tx.insert(paymentRiskChecks).values({ ...check, paymentFailed: failed });

    const [inserted] = await tx
      .insert(payments)
      .values({
        reference,
        orderId: input.orderId,
        userId: input.userId,
        amountCents: input.amountCents,
        currency: input.currency,
        method: provider.name,
        cardBrand: outcome.card?.brand,
        cardLast4: outcome.card?.last4,
        cardExpMonth: outcome.card?.expMonth,
        cardExpYear: outcome.card?.expYear,
        cardFingerprint: fingerprint,
        ...outcomeFields(outcome, input.amountCents),
      })
      .returning();
    let payment = inserted!;
    // Manual capture: take the money now unless a reviewer has to look first.
    if (isAuthorized(payment) && !review) payment = await capture(tx, payment);
    if (payment.status === 'processing' && provider.name === 'sandbox' && !isAuthorized(payment))
      await enqueue(
        tx,
        sandboxSettleJob,
        { paymentId: payment.id },
        {
          runAt: new Date(Date.now() + config.sandboxSettleDelayMs),
          entity: { type: 'payment', id: payment.id },
        },
      );

    const settled = payment.status === 'completed' || isAuthorized(payment) || provider.name === 'cod';
    const next: 'confirm' | 'hold' | 'wait' | 'failed' =
      payment.status === 'failed' ? 'failed' : settled ? (review ? 'hold' : 'confirm') : 'wait';
    return { payment, next, risk: { ...risk, review } };
  }

  // ---- refunds ----------------------------------------------------------------------------------

  async function returnedSoFar(tx: DbOrTx, orderId: string) {
    const rows = await tx
      .select({ items: refunds.items })
      .from(refunds)
      .where(and(eq(refunds.orderId, orderId), eq(refunds.status, 'succeeded')));
    const out = new Map<string, number>();
    for (const r of rows)
      for (const i of r.items) out.set(i.variantId, (out.get(i.variantId) ?? 0) + i.quantity);
    return out;
  }

  async function checkReturnItems(
    tx: DbOrTx,
    orderId: string,
    items: { variantId: string; quantity: number }[],
  ) {
    if (!items.length) return;
    const ordered = new Map<string, number>();
    for (const i of await orderPort().items(tx, orderId))
      ordered.set(i.variantId, (ordered.get(i.variantId) ?? 0) + i.quantity);
    const returned = await returnedSoFar(tx, orderId);
    items.forEach((i, n) => {
      const left = (ordered.get(i.variantId) ?? 0) - (returned.get(i.variantId) ?? 0);
      if (i.quantity > left)
        throw unprocessable('RETURN_EXCEEDS_ORDERED', `Only ${left} of that item can still be returned`, [
          { field: `items.${n}.quantity`, message: `at most ${left}` },
        ]);
    });
  }

  const tooLarge = (left: number) =>
    unprocessable('REFUND_EXCEEDS_CAPTURED', `At most ${left} can still be refunded on this payment`, [
      { field: 'amount_cents', message: `at most ${left}` },
    ]);

  /**
   * Sends money back through the provider that took it and records it everywhere. The caller
   * holds the order lock and the payment lock (in that order), so concurrent refunds queue up and
   * each sees the amount the previous one left; the conditional update is the last word.
   */
  async function executeRefund(
    tx: DbOrTx,
    p: PaymentRow,
    input: {
      refundId: string;
      amountCents: number;
      actorId: string | null;
      items: { variantId: string; quantity: number }[];
    },
  ) {
    if (!REFUNDABLE.includes(p.status))
      throw conflict('PAYMENT_NOT_REFUNDABLE', `A payment that is ${p.status} cannot be refunded`);
    const left = p.capturedCents - p.refundedCents;
    if (input.amountCents > left) throw tooLarge(left);
    await checkReturnItems(tx, p.orderId, input.items);
    const provider = providerOf(p.method);
    const { providerRefundId } = await call(provider, () =>
      provider.refund(p, input.amountCents, input.refundId),
    );
    const [updated] = await tx
      .update(payments)
      .set({
        refundedCents: sql`${payments.refundedCents} + ${input.amountCents}`,
        status: sql`case when ${payments.refundedCents} + ${input.amountCents} >= ${payments.capturedCents} then 'refunded'::payment_status else 'partially_refunded'::payment_status end`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(payments.id, p.id),
          sql`${payments.refundedCents} + ${input.amountCents} <= ${payments.capturedCents}`,
        ),
      )
      .returning();
    if (!updated) throw tooLarge(left);
    await orderPort().recordRefund(tx, p.orderId, input.amountCents, input.actorId, input.items);
    return { payment: updated, providerRefundId };
  }

  /** The order's payment that took the money (newest first). */
  async function paidPaymentOf(tx: DbOrTx, orderId: string) {
    const [p] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.orderId, orderId), inArray(payments.status, PAID)))
      .orderBy(desc(payments.createdAt))
      .limit(1)
      .for('update');
    return p;
  }

  const toItems = (items: { variant_id: string; quantity: number }[] = []) =>
    items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity }));

  // ---- webhooks ---------------------------------------------------------------------------------

  async function applyEvent(
    tx: DbOrTx,
    provider: string,
    e: WebhookEvent,
  ): Promise<[status: 'processed' | 'ignored', result: string]> {
    if (e.kind === 'other') return ['ignored', `event type ${e.type} is not handled`];
    const match = [
      e.providerPaymentId ? eq(payments.providerPaymentId, e.providerPaymentId) : undefined,
      e.reference ? eq(payments.reference, e.reference) : undefined,
    ].filter(Boolean) as SQL[];
    const [found] = match.length
      ? await tx
          .select()
          .from(payments)
          .where(and(eq(payments.method, provider), sql`(${sql.join(match, sql` or `)})`))
          .limit(1)
      : [];
    if (!found) {
      deps.log?.warn({ provider, eventId: e.id, type: e.type }, 'webhook for an unknown payment');
      return ['ignored', 'no payment matches this event'];
    }
    const order = await orderPort().lockOrder(tx, found.orderId);
    const p = (await lockPayment(tx, found.id))!;
    // Events arrive in any order: only an open payment can succeed or fail, so nothing moves back.
    switch (e.kind) {
      case 'succeeded': {
        if (!OPEN.includes(p.status)) return ['ignored', `payment is already ${p.status}`];
        await tx
          .update(payments)
          .set({
            status: 'completed',
            capturedCents: p.amountCents,
            nextAction: null,
            completedAt: new Date(),
            updatedAt: new Date(),
          })
          .where(eq(payments.id, p.id));
        if (order && (order.status === 'pending_payment' || order.status === 'on_hold')) {
          await orderPort().paymentCompleted(tx, p.orderId);
          return ['processed', 'payment completed'];
        }
        // The money arrived after the order was cancelled (e.g. expired): send it straight back.
        const provider = providerOf(p.method);
        await call(provider, () =>
          provider.refund({ ...p, capturedCents: p.amountCents }, p.amountCents, `${p.reference}-late`),
        );
        await tx
          .update(payments)
          .set({ status: 'refunded', refundedCents: p.amountCents, updatedAt: new Date() })
          .where(eq(payments.id, p.id));
        return ['processed', `order is ${order?.status ?? 'gone'}: the late payment was refunded`];
      }
      case 'failed': {
        if (!OPEN.includes(p.status)) return ['ignored', `payment is already ${p.status}`];
        await tx
          .update(payments)
          .set({
            status: 'failed',
            nextAction: null,
            failureCode: e.failure?.code ?? 'payment_failed',
            failureMessage: e.failure?.message ?? 'The payment failed',
            updatedAt: new Date(),
          })
          .where(eq(payments.id, p.id));
        await tx
          .update(paymentRiskChecks)
          .set({ paymentFailed: true })
          .where(eq(paymentRiskChecks.orderId, p.orderId));
        return ['processed', 'payment failed; the order can be paid again'];
      }
      case 'refunded': {
        const total = Math.min(e.refundedTotalCents ?? 0, p.capturedCents);
        if (!REFUNDABLE.includes(p.status) || total <= p.refundedCents)
          return ['ignored', 'refund already recorded'];
        // Refunded outside Cartwheel (the provider's dashboard): record the difference.
        const amount = total - p.refundedCents;
        await tx
          .update(payments)
          .set({
            refundedCents: total,
            status: total >= p.capturedCents ? 'refunded' : 'partially_refunded',
            updatedAt: new Date(),
          })
          .where(eq(payments.id, p.id));
        await tx.insert(refunds).values({
          paymentId: p.id,
          orderId: p.orderId,
          userId: p.userId,
          amountCents: amount,
          currency: p.currency,
          status: 'succeeded',
          reason: `Refunded at ${provider} (event ${e.id})`,
        });
        await orderPort().recordRefund(tx, p.orderId, amount, null, []);
        return ['processed', `refund of ${amount} recorded`];
      }
      case 'dispute_opened': {
        if (p.disputedAt) return ['ignored', 'dispute already recorded'];
        const reason = e.reason ?? 'dispute opened';
        await tx
          .update(payments)
          .set({ disputedAt: new Date(), disputeReason: reason, updatedAt: new Date() })
          .where(eq(payments.id, p.id));
        await orderPort().flagDisputed(tx, p.orderId, reason);
        return ['processed', 'order flagged for staff'];
      }
    }
  }

  const service = {
    connectOrders(port: PaymentOrderPort) {
      orders = port;
    },

    methods: () =>
      [...providers.values()].map((p) => ({
        id: p.name,
        name: p.displayName,
        requires_card: p.needsCard,
        accepts_token: p.acceptsToken ?? false,
        config: p.clientConfig(),
      })),

    /** Checks the method, card and token before any write, so a bad request changes nothing. */
    validateMethod(method: string, card: CardInput | undefined, token?: string) {
      const p = providerOf(method);
      if (p.needsCard && !card)
        throw unprocessable('CARD_REQUIRED', `Payment method "${method}" needs card details`, [
          { field: 'card', message: 'Required' },
        ]);
      if (!p.needsCard && card)
        throw unprocessable('CARD_NOT_ACCEPTED', `Payment method "${method}" does not take a card number`, [
          {
            field: 'card',
            message: p.acceptsToken ? 'Send a payment_token from the provider instead' : 'Remove it',
          },
        ]);
      if (token && !p.acceptsToken)
        throw unprocessable(
          'TOKEN_NOT_ACCEPTED',
          `Payment method "${method}" does not take a payment token`,
          [{ field: 'payment_token', message: 'Remove it' }],
        );
      if (p.name === 'stripe' && !token)
        throw unprocessable('TOKEN_REQUIRED', 'Stripe payments need a payment method token from Stripe.js', [
          { field: 'payment_token', message: 'Required' },
        ]);
      if (card) checkCard(card);
    },

    /**
     * The order's first payment, inside the checkout transaction. A decline throws 402 and a
     * provider failure 502: the caller's transaction rolls back, leaving no order behind (the
     * caller then records the declined attempt with `recordFailedAttempt`).
     */
    createForOrder: (tx: DbOrTx, input: AttemptInput) =>
      attempt(tx, input, { rollbackOnFailure: true, newOrder: true }),

    /** Stores a declined checkout's attempt after its transaction rolled back (fraud: failed attempts). */
    async recordFailedAttempt(err: unknown) {
      if (err instanceof PaymentDeclinedError && err.attempt)
        await db.insert(paymentRiskChecks).values(err.attempt);
    },

    /** Does the order wait for a fraud reviewer? */
    awaitsReview: (tx: DbOrTx, orderId: string) => orderAwaitsReview(tx, orderId),

    /**
     * PAY-1/PAY-3: pay (or pay again after a failure) for one of my orders waiting for payment.
     * The amount is the order's. A failed attempt is recorded and the order stays payable.
     */
    async process(
      actor: Actor,
      input: { orderId: string; method: string; card?: CardInput; token?: string; ip?: string },
      idem: { key: string; requestHash: string },
    ) {
      service.validateMethod(input.method, input.card, input.token);
      const { paymentId, replayed } = await db.transaction(async (tx) => {
        const claim = await claimIdempotencyKey(tx, { scope: 'payment', ownerId: actor.id, ...idem });
        if ('replay' in claim) return { paymentId: claim.replay, replayed: true };
        const order = await orderPort().lockOrder(tx, input.orderId);
        if (!order || order.userId !== actor.id) throw notFound('Order');
        const existing = await tx.select().from(payments).where(eq(payments.orderId, order.id)).for('update');
        if (existing.some((p) => PAID.includes(p.status)))
          throw conflict('ALREADY_PAID', 'This order is already paid');
        if (order.status !== 'pending_payment')
          throw conflict(
            'ORDER_NOT_PAYABLE',
            `The order is ${order.status.replaceAll('_', ' ')} and cannot be paid`,
          );
        for (const p of existing.filter((x) => OPEN.includes(x.status))) {
          // A payment already on its way (processing) must finish first; one waiting on the shopper is replaced.
          if (!p.nextAction)
            throw conflict(
              'PAYMENT_IN_PROGRESS',
              'A payment for this order is being processed; wait for its outcome',
            );
          const provider = providerOf(p.method);
          await call(provider, () => provider.cancel(p));
          await tx
            .update(payments)
            .set({ status: 'cancelled', nextAction: null, updatedAt: new Date() })
            .where(eq(payments.id, p.id));
        }
        const { payment, next } = await attempt(
          tx,
          {
            orderId: order.id,
            orderNumber: order.number,
            userId: actor.id,
            amountCents: order.totalCents,
            currency: order.currency,
            method: input.method,
            card: input.card,
            token: input.token,
            ip: input.ip,
            shipping: order.shippingAddress,
            billing: order.billingAddress,
          },
          { rollbackOnFailure: false, newOrder: false },
        );
        if (next === 'confirm' || next === 'hold') await orderPort().paymentCompleted(tx, order.id);
        await claim.complete(payment.id);
        return { paymentId: payment.id, replayed: false };
      });
      const [row] = await db.select().from(payments).where(eq(payments.id, paymentId));
      const p = row!;
      if (p.status === 'failed' && p.failureCode === 'provider_error')
        throw new AppError(
          502,
          'PAYMENT_PROVIDER_ERROR',
          `${p.failureMessage ?? 'The payment provider failed'}`,
          [{ field: 'payment_id', message: p.id }],
        );
      if (p.status === 'failed')
        throw new PaymentDeclinedError(
          p.failureCode ?? 'declined',
          p.failureMessage ?? 'Payment declined',
          undefined,
          p.id,
        );
      return { payment: toPayment(p), replayed };
    },

    /** The shopper completed the provider's extra step (card authentication, PayPal approval). */
    async confirm(actor: Actor, paymentId: string) {
      const [peek] = await db.select().from(payments).where(eq(payments.id, paymentId));
      const p0 = visible(actor, peek);
      return db.transaction(async (tx) => {
        const order = await orderPort().lockOrder(tx, p0.orderId);
        const p = (await lockPayment(tx, paymentId))!;
        if (p.status === 'completed') return toPayment(p); // a retried confirm
        if (!OPEN.includes(p.status) || !p.nextAction)
          throw conflict('PAYMENT_NOT_CONFIRMABLE', `Payment is ${p.status} and waits for no confirmation`);
        if (!order || order.status !== 'pending_payment') {
          // The order was cancelled (or expired) first: never capture money for it.
          await tx
            .update(payments)
            .set({ status: 'cancelled', nextAction: null, updatedAt: new Date() })
            .where(eq(payments.id, p.id));
          throw conflict(
            'ORDER_NOT_PAYABLE',
            `The order is ${order?.status ?? 'gone'}; the payment was cancelled`,
          );
        }
        const provider = providerOf(p.method);
        const outcome = await call(provider, () => provider.confirm(p));
        let [updated] = await tx
          .update(payments)
          .set(outcomeFields(outcome, p.amountCents))
          .where(eq(payments.id, p.id))
          .returning();
        const review = await orderAwaitsReview(tx, p.orderId);
        if (isAuthorized(updated!) && !review) updated = await capture(tx, updated!);
        if (updated!.status === 'completed' || isAuthorized(updated!))
          await orderPort().paymentCompleted(tx, p.orderId);
        return toPayment(updated!);
      });
    },

    /**
     * Marks the order's open payment completed (cash collected at delivery). The caller holds the
     * order lock.
     */
    async completeForOrder(tx: DbOrTx, orderId: string) {
      const [p] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.orderId, orderId), inArray(payments.status, OPEN)))
        .orderBy(desc(payments.createdAt))
        .limit(1)
        .for('update');
      if (!p) return undefined;
      const [updated] = await tx
        .update(payments)
        .set({
          status: 'completed',
          capturedCents: p.amountCents,
          nextAction: null,
          completedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(payments.id, p.id))
        .returning();
      return updated;
    },

    /**
     * The order is cancelled: open payments (and authorizations) are voided, captured money is
     * refunded in full through the provider that took it. The caller holds the order lock.
     */
    async settleCancelledOrder(tx: DbOrTx, orderId: string) {
      const rows = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update');
      const out: { refundedCents: number } = { refundedCents: 0 };
      for (const p of rows) {
        const provider = providerOf(p.method);
        if (OPEN.includes(p.status)) {
          await call(provider, () => provider.cancel(p));
          await tx
            .update(payments)
            .set({ status: 'cancelled', nextAction: null, updatedAt: new Date() })
            .where(eq(payments.id, p.id));
        } else if (REFUNDABLE.includes(p.status)) {
          const amount = p.capturedCents - p.refundedCents;
          if (amount > 0) {
            const { providerRefundId } = await call(provider, () =>
              provider.refund(p, amount, `${p.reference}-cancel`),
            );
            await tx.insert(refunds).values({
              paymentId: p.id,
              orderId,
              userId: p.userId,
              amountCents: amount,
              currency: p.currency,
              status: 'succeeded',
              reason: 'Order cancelled',
              providerRefundId,
            });
          }
          await tx
            .update(payments)
            .set({ status: 'refunded', refundedCents: p.capturedCents, updatedAt: new Date() })
            .where(eq(payments.id, p.id));
          out.refundedCents += amount;
        }
      }
      // Open refund requests are moot now: the cancellation refunded everything.
      await tx
        .update(refunds)
        .set({ status: 'rejected', reviewNote: 'Order cancelled', updatedAt: new Date() })
        .where(and(eq(refunds.orderId, orderId), eq(refunds.status, 'requested')));
      return out;
    },

    async get(actor: Actor, id: string) {
      const [row] = await db.select().from(payments).where(eq(payments.id, id));
      return toPayment(visible(actor, row));
    },

    /** An order's payments for its owner or staff; anyone else gets the 404 of a missing order. */
    async listForOrder(actor: Actor, orderId: string) {
      const rows = await db
        .select()
        .from(payments)
        .where(eq(payments.orderId, orderId))
        .orderBy(desc(payments.createdAt));
      if (!rows.length || (!isStaff(actor) && rows[0]!.userId !== actor.id)) throw notFound('Order');
      return rows.map(toPayment);
    },

    /** Payments of an order, newest first; the caller checked the actor may see the order. */
    async forOrder(orderId: string, tx: DbOrTx = db) {
      const rows = await tx
        .select()
        .from(payments)
        .where(eq(payments.orderId, orderId))
        .orderBy(desc(payments.createdAt));
      return rows.map(toPayment);
    },

    // ---- webhooks (PAY-4) ----

    /**
     * Verifies the signature over the raw body, stores the event once per provider event id and
     * enqueues its processing in the same transaction. A replay is acknowledged and changes nothing.
     */
    async receiveWebhook(
      providerName: string,
      raw: Buffer,
      headers: Record<string, string | string[] | undefined>,
    ) {
      const provider = providers.get(providerName);
      if (!provider?.parseWebhook) throw notFound('Webhook endpoint');
      let event: WebhookEvent;
      try {
        event = await provider.parseWebhook(raw, headers);
      } catch (err) {
        if (err instanceof WebhookSignatureError)
          throw badRequest('WEBHOOK_SIGNATURE_INVALID', `Webhook rejected: ${err.message}`);
        // Verification itself failed (PayPal unreachable): 502 makes the provider deliver again.
        throw providerFailure(err);
      }
      if (!event.id) throw badRequest('WEBHOOK_EVENT_INVALID', 'The event has no id');
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(paymentWebhookEvents)
          .values({
            provider: provider.name,
            eventId: event.id,
            type: event.type,
            payload: event as unknown as Record<string, unknown>,
          })
          .onConflictDoNothing()
          .returning({ id: paymentWebhookEvents.id });
        if (row)
          await enqueue(
            tx,
            processWebhookJob,
            { eventId: row.id },
            { entity: { type: 'payment_webhook_event', id: row.id } },
          );
        return { received: true, duplicate: !row };
      });
    },

    /** The webhook job: applies one stored event, once. */
    async processWebhook(eventRowId: string) {
      return db.transaction(async (tx) => {
        const [ev] = await tx
          .select()
          .from(paymentWebhookEvents)
          .where(eq(paymentWebhookEvents.id, eventRowId))
          .for('update');
        if (!ev || ev.status !== 'received')
          return { status: ev?.status ?? 'missing', result: 'already handled' };
        const [status, result] = await applyEvent(tx, ev.provider, ev.payload as unknown as WebhookEvent);
        await tx
          .update(paymentWebhookEvents)
          .set({ status, result, processedAt: new Date() })
          .where(eq(paymentWebhookEvents.id, ev.id));
        return { status, result };
      });
    },

    /** The sandbox's processor settles a processing payment: its signed webhook, through the webhook path. */
    async sandboxSettle(paymentId: string) {
      const [p] = await db.select().from(payments).where(eq(payments.id, paymentId));
      if (!p || p.method !== 'sandbox' || p.status !== 'processing') return { skipped: true };
      const event: SandboxEvent = {
        // One id per payment: a retried settle job is a replay, not a second event.
        id: `evt_sbx_${p.id}_succeeded`,
        type: 'payment.succeeded',
        data: { payment_id: p.providerPaymentId!, reference: p.reference },
      };
      const body = JSON.stringify(event);
      return service.receiveWebhook('sandbox', Buffer.from(body), {
        [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(config.sandboxWebhookSecret, body),
      });
    },

    // ---- refunds (PAY-5) ----

    /** A customer asks for money back on a paid order; staff approve or reject it. */
    async requestRefund(
      actor: Actor,
      input: {
        orderId: string;
        amountCents?: number;
        reason: string;
        items?: { variant_id: string; quantity: number }[];
      },
    ) {
      const items = toItems(input.items);
      return db.transaction(async (tx) => {
        const order = await orderPort().lockOrder(tx, input.orderId);
        if (!order || order.userId !== actor.id) throw notFound('Order');
        if (!REFUNDABLE_ORDER.includes(order.status))
          throw conflict(
            'ORDER_NOT_REFUNDABLE',
            `An order that is ${order.status.replaceAll('_', ' ')} cannot be refunded`,
          );
        const p = await paidPaymentOf(tx, order.id);
        const left = p && REFUNDABLE.includes(p.status) ? p.capturedCents - p.refundedCents : 0;
        if (!p || left <= 0) throw conflict('NOTHING_TO_REFUND', 'Nothing is left to refund on this order');
        const [open] = await tx
          .select({ id: refunds.id })
          .from(refunds)
          .where(and(eq(refunds.orderId, order.id), eq(refunds.status, 'requested')));
        if (open)
          throw conflict('REFUND_ALREADY_REQUESTED', 'A refund request for this order is waiting for staff');
        const amount = input.amountCents ?? left;
        if (amount > left) throw tooLarge(left);
        await checkReturnItems(tx, order.id, items);
        const [row] = await tx
          .insert(refunds)
          .values({
            paymentId: p.id,
            orderId: order.id,
            userId: order.userId,
            amountCents: amount,
            currency: p.currency,
            status: 'requested',
            reason: input.reason,
            items,
            requestedBy: actor.id,
          })
          .returning();
        return toRefund(row!);
      });
    },

    async myRefunds(actor: Actor, orderId?: string) {
      const rows = await db
        .select()
        .from(refunds)
        .where(and(eq(refunds.userId, actor.id), orderId ? eq(refunds.orderId, orderId) : undefined))
        .orderBy(desc(refunds.createdAt))
        .limit(100);
      return rows.map(toRefund);
    },

    async listRefunds(filter: { status?: RefundRow['status']; orderId?: string }, page: PageParams) {
      const where = and(
        filter.status ? eq(refunds.status, filter.status) : undefined,
        filter.orderId ? eq(refunds.orderId, filter.orderId) : undefined,
      );
      const { limit, offset } = pageOffset(page);
      const rows = await db
        .select()
        .from(refunds)
        .where(where)
        .orderBy(desc(refunds.createdAt))
        .limit(limit)
        .offset(offset);
      const [total] = await db.select({ n: count() }).from(refunds).where(where);
      return pageOf(rows.map(toRefund), total?.n ?? 0, page);
    },

    /** Staff approve a customer's request (optionally for a different amount): the money goes back now. */
    async approveRefund(actor: Actor, refundId: string, input: { amountCents?: number; note?: string }) {
      const [peek] = await db.select().from(refunds).where(eq(refunds.id, refundId));
      if (!peek) throw notFound('Refund');
      return db.transaction(async (tx) => {
        await orderPort().lockOrder(tx, peek.orderId);
        const [r] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
        if (r!.status !== 'requested')
          throw conflict('REFUND_NOT_PENDING', `The refund is already ${r!.status}`);
        const p = (await lockPayment(tx, r!.paymentId))!;
        const amount = input.amountCents ?? r!.amountCents;
        const { providerRefundId } = await executeRefund(tx, p, {
          refundId: r!.id,
          amountCents: amount,
          actorId: actor.id,
          items: r!.items,
        });
        const [updated] = await tx
          .update(refunds)
          .set({
            status: 'succeeded',
            amountCents: amount,
            providerRefundId,
            reviewedBy: actor.id,
            reviewNote: input.note ?? null,
            updatedAt: new Date(),
          })
          .where(eq(refunds.id, r!.id))
          .returning();
        return toRefund(updated!);
      });
    },

    async rejectRefund(actor: Actor, refundId: string, note: string) {
      return db.transaction(async (tx) => {
        const [r] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
        if (!r) throw notFound('Refund');
        if (r.status !== 'requested')
          throw conflict('REFUND_NOT_PENDING', `The refund is already ${r.status}`);
        const [updated] = await tx
          .update(refunds)
          .set({ status: 'rejected', reviewedBy: actor.id, reviewNote: note, updatedAt: new Date() })
          .where(eq(refunds.id, r.id))
          .returning();
        return toRefund(updated!);
      });
    },

    /** Staff refund a payment directly, in full or in part, optionally taking items back. */
    async refundPayment(
      actor: Actor,
      paymentId: string,
      input: { amountCents?: number; reason: string; items?: { variant_id: string; quantity: number }[] },
    ) {
      const [peek] = await db.select().from(payments).where(eq(payments.id, paymentId));
      if (!peek) throw notFound('Payment');
      return db.transaction(async (tx) => {
        await orderPort().lockOrder(tx, peek.orderId);
        const p = (await lockPayment(tx, paymentId))!;
        const amount = input.amountCents ?? p.capturedCents - p.refundedCents;
        if (amount <= 0) throw conflict('NOTHING_TO_REFUND', 'Nothing is left to refund on this payment');
        const [row] = await tx
          .insert(refunds)
          .values({
            paymentId: p.id,
            orderId: p.orderId,
            userId: p.userId,
            amountCents: amount,
            currency: p.currency,
            status: 'requested',
            reason: input.reason,
            items: toItems(input.items),
            requestedBy: actor.id,
          })
          .returning();
        const { payment, providerRefundId } = await executeRefund(tx, p, {
          refundId: row!.id,
          amountCents: amount,
          actorId: actor.id,
          items: row!.items,
        });
        const [done] = await tx
          .update(refunds)
          .set({ status: 'succeeded', providerRefundId, reviewedBy: actor.id, updatedAt: new Date() })
          .where(eq(refunds.id, row!.id))
          .returning();
        return { refund: toRefund(done!), payment: toPayment(payment) };
      });
    },

    // ---- fraud review (PAY-6) ----

    async riskForOrder(orderId: string) {
      const rows = await db
        .select()
        .from(paymentRiskChecks)
        .where(eq(paymentRiskChecks.orderId, orderId))
        .orderBy(desc(paymentRiskChecks.createdAt));
      return rows.map(toRisk);
    },

    /** Orders waiting for a reviewer: the newest check of each order says review. */
    async reviewQueue(page: PageParams) {
      const { limit, offset } = pageOffset(page);
      const latest = sql`${paymentRiskChecks.createdAt} = (select max(c.created_at) from payment_risk_checks c where c.order_id = ${paymentRiskChecks.orderId})`;
      const where = and(eq(paymentRiskChecks.decision, 'review'), latest);
      const rows = await db
        .select()
        .from(paymentRiskChecks)
        .where(where)
        .orderBy(desc(paymentRiskChecks.score), desc(paymentRiskChecks.createdAt))
        .limit(limit)
        .offset(offset);
      const [total] = await db.select({ n: count() }).from(paymentRiskChecks).where(where);
      return pageOf(rows.map(toRisk), total?.n ?? 0, page);
    },

    /**
     * Staff decide a held order: approve continues it (captures an authorization, confirms the
     * order); reject cancels it through the orders workflow (stock released, money back).
     */
    async decideReview(actor: Actor, orderId: string, decision: 'approved' | 'rejected', note?: string) {
      return db.transaction(async (tx) => {
        const order = await orderPort().lockOrder(tx, orderId);
        if (!order) throw notFound('Order');
        const [check] = await tx
          .select()
          .from(paymentRiskChecks)
          .where(eq(paymentRiskChecks.orderId, orderId))
          .orderBy(desc(paymentRiskChecks.createdAt))
          .limit(1)
          .for('update');
        if (check?.decision !== 'review' || !['on_hold', 'pending_payment'].includes(order.status))
          throw conflict('NOT_UNDER_REVIEW', 'This order is not waiting for a fraud review');
        await tx
          .update(paymentRiskChecks)
          .set({ decision, reviewedBy: actor.id, reviewedAt: new Date(), reviewNote: note ?? null })
          .where(eq(paymentRiskChecks.id, check.id));
        if (decision === 'rejected') {
          await orderPort().advance(tx, orderId, 'cancelled', actor.id, note ?? 'Rejected by fraud review');
        } else if (order.status === 'on_hold') {
          const [auth] = await tx
            .select()
            .from(payments)
            .where(and(eq(payments.orderId, orderId), eq(payments.status, 'processing')))
            .for('update');
          if (auth && isAuthorized(auth)) await capture(tx, auth);
          await orderPort().advance(tx, orderId, 'confirmed', actor.id, note ?? 'Approved by fraud review');
        }
        const [updated] = await tx.select().from(paymentRiskChecks).where(eq(paymentRiskChecks.id, check.id));
        return toRisk(updated!);
      });
    },

    // ---- staff views and analytics (PAY-7) ----

    async adminList(
      filter: {
        status?: PaymentRow['status'];
        method?: string;
        orderId?: string;
        userId?: string;
        disputed?: boolean;
        from?: Date;
        to?: Date;
      },
      page: PageParams,
    ) {
      const where = and(
        filter.status ? eq(payments.status, filter.status) : undefined,
        filter.method ? eq(payments.method, filter.method) : undefined,
        filter.orderId ? eq(payments.orderId, filter.orderId) : undefined,
        filter.userId ? eq(payments.userId, filter.userId) : undefined,
        filter.disputed === undefined
          ? undefined
          : filter.disputed
            ? sql`${payments.disputedAt} is not null`
            : sql`${payments.disputedAt} is null`,
        filter.from ? gte(payments.createdAt, filter.from) : undefined,
        filter.to ? lt(payments.createdAt, filter.to) : undefined,
      );
      const { limit, offset } = pageOffset(page);
      const rows = await db
        .select()
        .from(payments)
        .where(where)
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(limit)
        .offset(offset);
      const [total] = await db.select({ n: count() }).from(payments).where(where);
      return pageOf(rows.map(toPayment), total?.n ?? 0, page);
    },

    /** Volume and counts by method and status, success rate per method, refunds, revenue per day. */
    async analytics(range: { from: Date; to: Date }) {
      const { from, to } = range;
      const byMethod = await db.execute<{
        method: string;
        status: string;
        count: number;
        amount_cents: number;
      }>(sql`
        select method, status::text, count(*)::int as count, coalesce(sum(amount_cents), 0)::bigint as amount_cents
        from payments where created_at >= ${from} and created_at < ${to}
        group by 1, 2 order by 1, 2`);
      const methods = new Map<
        string,
        { method: string; attempts: number; succeeded: number; failed: number; volume_cents: number }
      >();
      for (const r of byMethod.rows) {
        const m = methods.get(r.method) ?? {
          method: r.method,
          attempts: 0,
          succeeded: 0,
          failed: 0,
          volume_cents: 0,
        };
        m.attempts += r.count;
        if ((PAID as string[]).includes(r.status)) {
          m.succeeded += r.count;
          m.volume_cents += Number(r.amount_cents);
        }
        if (r.status === 'failed') m.failed += r.count;
        methods.set(r.method, m);
      }
      const refundRows = await db.execute<{ status: string; count: number; amount_cents: number }>(sql`
        select status::text, count(*)::int as count, coalesce(sum(amount_cents), 0)::bigint as amount_cents
        from refunds where created_at >= ${from} and created_at < ${to} group by 1`);
      const daily = await db.execute<{
        day: string;
        revenue_cents: number;
        refunds_cents: number;
        payments: number;
      }>(sql`
        with days as (
          select generate_series(date_trunc('day', ${from}::timestamptz at time zone 'UTC'),
                                 date_trunc('day', (${to}::timestamptz - interval '1 microsecond') at time zone 'UTC'),
                                 interval '1 day') as day
        )
        select to_char(d.day, 'YYYY-MM-DD') as day,
          coalesce((select sum(p.captured_cents) from payments p
                    where p.completed_at >= d.day at time zone 'UTC' and p.completed_at < (d.day + interval '1 day') at time zone 'UTC'), 0)::bigint as revenue_cents,
          coalesce((select sum(r.amount_cents) from refunds r where r.status = 'succeeded'
                    and r.updated_at >= d.day at time zone 'UTC' and r.updated_at < (d.day + interval '1 day') at time zone 'UTC'), 0)::bigint as refunds_cents,
          (select count(*) from payments p
            where p.completed_at >= d.day at time zone 'UTC' and p.completed_at < (d.day + interval '1 day') at time zone 'UTC')::int as payments
        from days d order by d.day`);
      const totals = [...methods.values()].reduce(
        (s, m) => ({
          attempts: s.attempts + m.attempts,
          succeeded: s.succeeded + m.succeeded,
          volume_cents: s.volume_cents + m.volume_cents,
        }),
        { attempts: 0, succeeded: 0, volume_cents: 0 },
      );
      const rate = (ok: number, all: number) => (all ? Math.round((ok / all) * 10_000) / 10_000 : null);
      const refundBy = (s: string) => refundRows.rows.find((r) => r.status === s);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        volume_cents: totals.volume_cents,
        payments: totals.attempts,
        success_rate: rate(totals.succeeded, totals.attempts),
        by_status: byMethod.rows.map((r) => ({
          method: r.method,
          status: r.status,
          count: r.count,
          amount_cents: Number(r.amount_cents),
        })),
        by_method: [...methods.values()].map((m) => ({ ...m, success_rate: rate(m.succeeded, m.attempts) })),
        refunds: {
          count: refundBy('succeeded')?.count ?? 0,
          amount_cents: Number(refundBy('succeeded')?.amount_cents ?? 0),
          pending_requests: refundBy('requested')?.count ?? 0,
        },
        daily: daily.rows.map((d) => ({
          day: d.day,
          revenue_cents: Number(d.revenue_cents),
          refunds_cents: Number(d.refunds_cents),
          net_cents: Number(d.revenue_cents) - Number(d.refunds_cents),
          payments: d.payments,
        })),
      };
    },
  };
  return service;
}

function checkCard(card: CardInput) {
  const fail = (field: string, message: string) => {
    throw unprocessable('INVALID_CARD', message, [{ field: `card.${field}`, message }]);
  };
  if (!/^\d{12,19}$/.test(card.number) || !luhn(card.number)) fail('number', 'Not a valid card number');
  const now = new Date();
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && card.expMonth < now.getUTCMonth() + 1))
    fail('exp_year', 'The card has expired');
  if (!/^\d{3,4}$/.test(card.cvc)) fail('cvc', 'Security code must be 3 or 4 digits');
}

function luhn(number: string) {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
