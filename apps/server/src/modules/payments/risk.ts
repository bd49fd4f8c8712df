import { createHmac } from 'node:crypto';
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { paymentRiskChecks, payments } from './schema.js';

/** PAY-6 thresholds; every number is configurable (config.ts, RISK_*). */
export type RiskConfig = {
  reviewThreshold: number;
  velocityWindowMs: number;
  velocityMaxPerUser: number;
  velocityMaxPerIp: number;
  velocityMaxPerCard: number;
  /** An order this many times the user's average completed payment is unusual. */
  historyMultiple: number;
  newAccountAgeMs: number;
  largeOrderCents: number;
  failedWindowMs: number;
  failedMax: number;
};

/** Points per rule: one rule alone stays under the default threshold of 70; most pairs reach it. */
const POINTS = {
  velocity_user: 35,
  velocity_ip: 30,
  velocity_card: 40,
  amount_vs_history: 30,
  new_account_large_order: 35,
  address_mismatch: 20,
  recent_failed_attempts: 35,
} as const;
export type RiskRule = keyof typeof POINTS;

export type RiskInput = {
  userId: string;
  ip: string | null;
  cardFingerprint: string | null;
  amountCents: number;
  accountCreatedAt: Date | null;
  shipping: { postal_code: string; country: string };
  billing: { postal_code: string; country: string };
};

export type RiskReason = { rule: RiskRule; points: number; detail: string };

/** A keyed hash of the card number, so the same card matches across attempts; the number itself is never kept. */
export const cardFingerprint = (secret: string, number: string) =>
  createHmac('sha256', secret).update(`card:${number}`).digest('hex').slice(0, 32);

/** Scores one payment attempt from the history stored so far. Reads run one after another on `tx`. */
export async function scoreRisk(tx: DbOrTx, cfg: RiskConfig, input: RiskInput) {
  const reasons: RiskReason[] = [];
  const add = (rule: RiskRule, detail: string) => reasons.push({ rule, points: POINTS[rule], detail });
  const since = (ms: number) => new Date(Date.now() - ms);
  const windowStart = since(cfg.velocityWindowMs);
  const failedStart = since(cfg.failedWindowMs);
  // One statement: a pass over the attempts table (the user, IP and card indexes OR-ed together)
  // for all counts, and the account's payment history beside it.
  const byUserRecent = and(
    eq(paymentRiskChecks.userId, input.userId),
    gt(paymentRiskChecks.createdAt, windowStart),
  );
  const byIp = input.ip
    ? and(eq(paymentRiskChecks.ip, input.ip), gt(paymentRiskChecks.createdAt, windowStart))
    : sql`false`;
  const byCard = input.cardFingerprint
    ? and(
        eq(paymentRiskChecks.cardFingerprint, input.cardFingerprint),
        gt(paymentRiskChecks.createdAt, windowStart),
      )
    : sql`false`;
  const failedRecent = and(
    eq(paymentRiskChecks.userId, input.userId),
    eq(paymentRiskChecks.paymentFailed, true),
    gt(paymentRiskChecks.createdAt, failedStart),
  );
  const paid = and(
    eq(payments.userId, input.userId),
    inArray(payments.status, ['completed', 'partially_refunded', 'refunded']),
  );
  const [counts] = await tx
    .select({
      user: sql<number>`count(*) filter (where ${byUserRecent})::int`,
      ip: sql<number>`count(*) filter (where ${byIp})::int`,
      card: sql<number>`count(*) filter (where ${byCard})::int`,
      failed: sql<number>`count(*) filter (where ${failedRecent})::int`,
      paid: sql<number>`(select count(*) from ${payments} where ${paid})::int`,
      paidAverage: sql<string | null>`(select avg(${payments.amountCents}) from ${payments} where ${paid})`,
    })
    .from(paymentRiskChecks)
    .where(or(byUserRecent, byIp, byCard, failedRecent));

  // Velocity: this attempt counts too, so the limit is the number of attempts allowed in the window.
  const byUser = (counts?.user ?? 0) + 1;
  if (byUser > cfg.velocityMaxPerUser)
    add('velocity_user', `${byUser} payment attempts by this account within the window`);
  const ipCount = (counts?.ip ?? 0) + 1;
  if (input.ip && ipCount > cfg.velocityMaxPerIp)
    add('velocity_ip', `${ipCount} payment attempts from ${input.ip} within the window`);
  const cardCount = (counts?.card ?? 0) + 1;
  if (input.cardFingerprint && cardCount > cfg.velocityMaxPerCard)
    add('velocity_card', `${cardCount} payment attempts with this card within the window`);

  const average = counts?.paidAverage ? Number(counts.paidAverage) : 0;
  if (counts && counts.paid > 0 && input.amountCents > average * cfg.historyMultiple)
    add(
      'amount_vs_history',
      `${input.amountCents} is over ${cfg.historyMultiple}× this account's average of ${Math.round(average)}`,
    );

  if (
    input.accountCreatedAt &&
    Date.now() - input.accountCreatedAt.getTime() < cfg.newAccountAgeMs &&
    input.amountCents >= cfg.largeOrderCents
  )
    add(
      'new_account_large_order',
      `a large order (${input.amountCents}) from an account created ${input.accountCreatedAt.toISOString()}`,
    );

  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (
    input.billing.country !== input.shipping.country ||
    norm(input.billing.postal_code) !== norm(input.shipping.postal_code)
  )
    add('address_mismatch', 'billing and shipping addresses are in different places');

  const failed = counts?.failed ?? 0;
  if (failed >= cfg.failedMax) add('recent_failed_attempts', `${failed} failed payments recently`);

  const score = Math.min(
    100,
    reasons.reduce((s, r) => s + r.points, 0),
  );
  return { score, reasons, review: score >= cfg.reviewThreshold };
}

/** The newest risk decision of an order: does it wait for staff? */
export async function orderAwaitsReview(tx: DbOrTx, orderId: string) {
  const [row] = await tx
    .select({ decision: paymentRiskChecks.decision })
    .from(paymentRiskChecks)
    .where(eq(paymentRiskChecks.orderId, orderId))
    .orderBy(sql`${paymentRiskChecks.createdAt} desc`)
    .limit(1);
  return row?.decision === 'review';
}
