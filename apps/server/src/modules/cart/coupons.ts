import { and, count, desc, eq, ilike, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import { conflict, findOrFail, unprocessable } from '../../platform/errors.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { couponDiscount } from './pricing.js';
import { couponRedemptions, coupons, taxRates, type CouponRow, type TaxRateRow } from './schema.js';

export type CouponInput = {
  code: string;
  description?: string | null;
  kind: 'percent' | 'fixed';
  value: number;
  minSubtotalCents?: number;
  maxDiscountCents?: number | null;
  startsAt?: Date | null;
  expiresAt?: Date | null;
  usageLimit?: number | null;
  perUserLimit?: number | null;
  isActive?: boolean;
};

export const toCoupon = (c: CouponRow) => ({
  id: c.id,
  code: c.code,
  description: c.description,
  kind: c.kind,
  value: c.value,
  min_subtotal_cents: c.minSubtotalCents,
  max_discount_cents: c.maxDiscountCents,
  starts_at: c.startsAt?.toISOString() ?? null,
  expires_at: c.expiresAt?.toISOString() ?? null,
  usage_limit: c.usageLimit,
  per_user_limit: c.perUserLimit,
  times_used: c.timesUsed,
  is_active: c.isActive,
  created_at: c.createdAt.toISOString(),
  updated_at: c.updatedAt.toISOString(),
});

/** Why a coupon cannot apply right now, as [code, message]; null when it can. */
export type CouponProblem = [code: string, message: string];

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export function createCouponService(db: Db) {
  const byCode = async (tx: DbOrTx, code: string, lock = false) => {
    const q = tx
      .select()
      .from(coupons)
      .where(sql`upper(${coupons.code}) = ${normalizeCode(code)}`);
    const [row] = lock ? await q.for('update') : await q;
    return row;
  };

  const usesBy = async (tx: DbOrTx, couponId: string, userId: string) => {
    const [r] = await tx
      .select({ n: count() })
      .from(couponRedemptions)
      .where(and(eq(couponRedemptions.couponId, couponId), eq(couponRedemptions.userId, userId)));
    return r?.n ?? 0;
  };

  /** Every limit of CART-5 except per-user (which needs a user): active, dates, overall use, minimum. */
  async function problemWith(
    tx: DbOrTx,
    c: CouponRow,
    ctx: { subtotalCents: number; userId: string | null },
  ): Promise<CouponProblem | null> {
    const now = Date.now();
    if (!c.isActive) return ['COUPON_INACTIVE', `Coupon ${c.code} is not active`];
    if (c.startsAt && c.startsAt.getTime() > now)
      return ['COUPON_NOT_STARTED', `Coupon ${c.code} starts on ${c.startsAt.toISOString().slice(0, 10)}`];
    if (c.expiresAt && c.expiresAt.getTime() <= now)
      return ['COUPON_EXPIRED', `Coupon ${c.code} has expired`];
    if (c.usageLimit !== null && c.timesUsed >= c.usageLimit)
      return ['COUPON_USAGE_LIMIT', `Coupon ${c.code} has been used the maximum number of times`];
    if (ctx.subtotalCents < c.minSubtotalCents)
      return [
        'COUPON_MINIMUM_NOT_MET',
        `Coupon ${c.code} needs a subtotal of at least ${c.minSubtotalCents} (minor units)`,
      ];
    if (ctx.userId && c.perUserLimit !== null && (await usesBy(tx, c.id, ctx.userId)) >= c.perUserLimit)
      return ['COUPON_USER_LIMIT', `You have already used coupon ${c.code} the maximum number of times`];
    return null;
  }

  /** The coupon by code with its problem (null if applicable); unknown code → 404-like problem. */
  async function evaluate(
    tx: DbOrTx,
    code: string,
    ctx: { subtotalCents: number; userId: string | null },
  ): Promise<{ coupon: CouponRow | undefined; problem: CouponProblem | null }> {
    const coupon = await byCode(tx, code);
    if (!coupon)
      return { coupon, problem: ['COUPON_NOT_FOUND', `Coupon ${normalizeCode(code)} does not exist`] };
    return { coupon, problem: await problemWith(tx, coupon, ctx) };
  }

  /**
   * At checkout, inside the order's transaction: locks the coupon, re-checks every limit (two
   * orders racing for the last use cannot both win), records the redemption, counts the use.
   */
  async function redeem(
    tx: DbOrTx,
    input: { code: string; userId: string; orderId: string; subtotalCents: number },
  ) {
    const coupon = await byCode(tx, input.code, true);
    if (!coupon)
      throw unprocessable('COUPON_NOT_FOUND', `Coupon ${normalizeCode(input.code)} does not exist`, [
        { field: 'coupon', message: 'not found' },
      ]);
    const problem = await problemWith(tx, coupon, input);
    if (problem) throw unprocessable(problem[0], problem[1], [{ field: 'coupon', message: problem[1] }]);
    await tx.insert(couponRedemptions).values({
      couponId: coupon.id,
      userId: input.userId,
      orderId: input.orderId,
      discountCents: couponDiscount(coupon, input.subtotalCents),
    });
    await tx
      .update(coupons)
      .set({ timesUsed: sql`${coupons.timesUsed} + 1` })
      .where(eq(coupons.id, coupon.id));
    return coupon;
  }

  /** The order was cancelled or expired: its use no longer counts. */
  async function unredeem(tx: DbOrTx, orderId: string) {
    const [r] = await tx.delete(couponRedemptions).where(eq(couponRedemptions.orderId, orderId)).returning();
    if (r)
      await tx
        .update(coupons)
        .set({ timesUsed: sql`greatest(${coupons.timesUsed} - 1, 0)` })
        .where(eq(coupons.id, r.couponId));
  }

  const duplicate = (err: unknown) =>
    isUniqueViolation(err, 'coupons_code_key')
      ? conflict('DUPLICATE_CODE', 'A coupon with this code already exists', [
          { field: 'code', message: 'already used' },
        ])
      : err;

  const checkDates = (startsAt?: Date | null, expiresAt?: Date | null) => {
    if (startsAt && expiresAt && expiresAt <= startsAt)
      throw unprocessable('INVALID_DATES', 'expires_at must be after starts_at', [
        { field: 'expires_at', message: 'must be after starts_at' },
      ]);
  };

  const admin = {
    async list(filter: { q?: string; active?: boolean }, page: PageParams) {
      const where = and(
        filter.q ? ilike(coupons.code, `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
        filter.active === undefined ? undefined : eq(coupons.isActive, filter.active),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(coupons)
          .where(where)
          .orderBy(desc(coupons.createdAt))
          .limit(pageOffset(page).limit)
          .offset(pageOffset(page).offset),
        db.select({ n: count() }).from(coupons).where(where),
      ]);
      return pageOf(rows.map(toCoupon), total?.n ?? 0, page);
    },
    async get(id: string) {
      const [row] = await db.select().from(coupons).where(eq(coupons.id, id));
      return toCoupon(findOrFail(row, 'Coupon'));
    },
    async create(input: CouponInput) {
      checkDates(input.startsAt, input.expiresAt);
      try {
        const [row] = await db
          .insert(coupons)
          .values({ ...input, code: normalizeCode(input.code) })
          .returning();
        return toCoupon(row!);
      } catch (err) {
        throw duplicate(err);
      }
    },
    async update(id: string, input: Partial<CouponInput>) {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(coupons).where(eq(coupons.id, id)).for('update');
        const c = findOrFail(current, 'Coupon');
        const next = { ...c, ...input };
        checkDates(next.startsAt, next.expiresAt);
        if (next.kind === 'percent' && next.value > 100)
          throw unprocessable('INVALID_VALUE', 'A percent coupon is at most 100', [
            { field: 'value', message: 'at most 100 for percent coupons' },
          ]);
        if (next.usageLimit !== null && next.usageLimit < c.timesUsed)
          throw unprocessable('INVALID_USAGE_LIMIT', `Already used ${c.timesUsed} times`, [
            { field: 'usage_limit', message: `at least ${c.timesUsed}` },
          ]);
        try {
          const [row] = await tx
            .update(coupons)
            .set({
              ...input,
              ...(input.code ? { code: normalizeCode(input.code) } : {}),
              updatedAt: new Date(),
            })
            .where(eq(coupons.id, id))
            .returning();
          return toCoupon(row!);
        } catch (err) {
          throw duplicate(err);
        }
      });
    },
    /** Used coupons are deactivated rather than deleted: orders keep referring to them. */
    async remove(id: string) {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(coupons).where(eq(coupons.id, id)).for('update');
        const c = findOrFail(current, 'Coupon');
        const [used] = await tx
          .select({ n: count() })
          .from(couponRedemptions)
          .where(eq(couponRedemptions.couponId, id));
        if ((used?.n ?? 0) > 0) {
          await tx.update(coupons).set({ isActive: false, updatedAt: new Date() }).where(eq(coupons.id, id));
          return { deleted: false, deactivated: true, code: c.code };
        }
        await tx.delete(coupons).where(eq(coupons.id, id));
        return { deleted: true, deactivated: false, code: c.code };
      });
    },
  };

  return { evaluate, redeem, unredeem, admin };
}

// ---- tax rates ------------------------------------------------------------------------------

export const toTaxRate = (r: TaxRateRow) => ({
  id: r.id,
  country: r.country,
  category_id: r.categoryId,
  name: r.name,
  rate_bp: r.rateBp,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

export type TaxRateInput = { country: string; categoryId?: string | null; name: string; rateBp: number };

export function createTaxRateService(db: Db) {
  const duplicate = (err: unknown) =>
    isUniqueViolation(err)
      ? conflict('DUPLICATE_TAX_RATE', 'A rate for this country and category already exists')
      : err;
  return {
    /** The rules pricing needs for one country. */
    async rulesFor(country: string | null, tx: DbOrTx = db) {
      if (!country) return [];
      return tx
        .select({ categoryId: taxRates.categoryId, rateBp: taxRates.rateBp })
        .from(taxRates)
        .where(eq(taxRates.country, country.toUpperCase()));
    },
    async list(country?: string) {
      const rows = await db
        .select()
        .from(taxRates)
        .where(country ? eq(taxRates.country, country.toUpperCase()) : undefined)
        .orderBy(taxRates.country, sql`${taxRates.categoryId} nulls first`);
      return rows.map(toTaxRate);
    },
    async create(input: TaxRateInput) {
      try {
        const [row] = await db
          .insert(taxRates)
          .values({ ...input, country: input.country.toUpperCase() })
          .returning();
        return toTaxRate(row!);
      } catch (err) {
        throw duplicate(err);
      }
    },
    async update(id: string, input: Partial<TaxRateInput>) {
      try {
        const [row] = await db
          .update(taxRates)
          .set({
            ...input,
            ...(input.country ? { country: input.country.toUpperCase() } : {}),
            updatedAt: new Date(),
          })
          .where(eq(taxRates.id, id))
          .returning();
        return toTaxRate(findOrFail(row, 'Tax rate'));
      } catch (err) {
        throw duplicate(err);
      }
    },
    async remove(id: string) {
      const [row] = await db.delete(taxRates).where(eq(taxRates.id, id)).returning();
      findOrFail(row, 'Tax rate');
    },
  };
}

export type CouponService = ReturnType<typeof createCouponService>;
export type TaxRateService = ReturnType<typeof createTaxRateService>;
