import type { Config } from '../../config.js';
import { roundHalfUp } from '../../platform/money.js';
import type { CouponRow } from './schema.js';

/**
 * The one pricing function: the cart preview and checkout both call it, so the total a shopper
 * sees is the total they are charged. Pure: all inputs are read by the caller.
 *
 * Order of operations: line subtotals → coupon discount (spread over lines in proportion, so tax
 * is charged on what is actually paid) → tax per line (rate by category, else the country rate,
 * rounded half up per line) → delivery fee on the discounted basket → total.
 */
export type PricingLine = { key: string; unitPriceCents: number; quantity: number; categoryId: string };
export type TaxRule = { categoryId: string | null; rateBp: number };
export type DeliveryFees = Config['deliveryFees'];

export type PricedLine = {
  key: string;
  lineSubtotalCents: number;
  discountCents: number;
  taxCents: number;
  lineTotalCents: number;
};

export type Totals = {
  subtotal_cents: number;
  discount_cents: number;
  tax_cents: number;
  delivery_fee_cents: number;
  total_cents: number;
  free_delivery_threshold_cents: number;
  amount_to_free_delivery_cents: number;
};

export function priceLines(input: {
  lines: PricingLine[];
  /** An applicable coupon (the caller checked its limits), or null. */
  coupon: Pick<CouponRow, 'kind' | 'value' | 'maxDiscountCents'> | null;
  taxRules: TaxRule[];
  fees: DeliveryFees;
}): { lines: PricedLine[]; totals: Totals } {
  const subtotals = input.lines.map((l) => l.unitPriceCents * l.quantity);
  const subtotal = sum(subtotals);
  const discount = input.coupon ? couponDiscount(input.coupon, subtotal) : 0;
  const discounts = allocate(discount, subtotals);

  const countryRate = input.taxRules.find((r) => r.categoryId === null)?.rateBp ?? 0;
  const rateFor = (categoryId: string) =>
    input.taxRules.find((r) => r.categoryId === categoryId)?.rateBp ?? countryRate;

  const lines = input.lines.map((l, i) => {
    const net = subtotals[i]! - discounts[i]!;
    const tax = roundHalfUp((net * rateFor(l.categoryId)) / 10_000);
    return {
      key: l.key,
      lineSubtotalCents: subtotals[i]!,
      discountCents: discounts[i]!,
      taxCents: tax,
      lineTotalCents: net + tax,
    };
  });

  const basket = subtotal - discount;
  const fees = input.fees;
  const deliveryFee =
    !lines.length || basket >= fees.freeThresholdCents
      ? 0
      : fees.feeCents + (basket < fees.smallCartThresholdCents ? fees.smallCartFeeCents : 0);
  const tax = sum(lines.map((l) => l.taxCents));
  return {
    lines,
    totals: {
      subtotal_cents: subtotal,
      discount_cents: discount,
      tax_cents: tax,
      delivery_fee_cents: deliveryFee,
      total_cents: basket + tax + deliveryFee,
      free_delivery_threshold_cents: fees.freeThresholdCents,
      amount_to_free_delivery_cents: lines.length ? Math.max(0, fees.freeThresholdCents - basket) : 0,
    },
  };
}

export function couponDiscount(c: Pick<CouponRow, 'kind' | 'value' | 'maxDiscountCents'>, subtotal: number) {
  const raw = c.kind === 'percent' ? Math.floor((subtotal * c.value) / 100) : c.value;
  return Math.min(raw, c.maxDiscountCents ?? Infinity, subtotal);
}

/** Splits `amount` over `weights` in proportion, in whole units, exactly (largest remainder). */
export function allocate(amount: number, weights: number[]): number[] {
  const total = sum(weights);
  if (!amount || !total) return weights.map(() => 0);
  const exact = weights.map((w) => (amount * w) / total);
  const out = exact.map(Math.floor);
  let left = amount - sum(out);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
