import { formatMoney } from '../../../lib/money';
import { cn } from '../../../lib/format';
import type { CartTotals } from '../types';

/** Totals breakdown, the same for the cart, checkout and (with an order's totals) the receipt. */
export function Bill({
  totals,
  couponCode,
  className,
}: {
  totals: Omit<CartTotals, 'free_delivery_threshold_cents' | 'amount_to_free_delivery_cents'>;
  couponCode?: string | null;
  className?: string;
}) {
  const m = (c: number) => formatMoney(c, totals.currency);
  const row = 'flex justify-between gap-4';
  return (
    <dl className={cn('space-y-2 text-sm', className)}>
      <div className={row}>
        <dt className="text-muted">Items total</dt>
        <dd>{m(totals.subtotal_cents)}</dd>
      </div>
      {totals.discount_cents > 0 && (
        <div className={cn(row, 'text-brand-700')}>
          <dt>Discount{couponCode ? ` (${couponCode})` : ''}</dt>
          <dd>−{m(totals.discount_cents)}</dd>
        </div>
      )}
      <div className={row}>
        <dt className="text-muted">Delivery fee</dt>
        <dd>
          {totals.delivery_fee_cents === 0 ? (
            <span className="font-semibold text-brand-700">FREE</span>
          ) : (
            m(totals.delivery_fee_cents)
          )}
        </dd>
      </div>
      <div className={row}>
        <dt className="text-muted">Estimated tax</dt>
        <dd>{m(totals.tax_cents)}</dd>
      </div>
      <div className={cn(row, 'border-t border-dashed border-line pt-2 text-base font-extrabold')}>
        <dt>Total</dt>
        <dd data-testid="cart-total">{m(totals.total_cents)}</dd>
      </div>
    </dl>
  );
}

/** "Add $4.10 more for free delivery", with a progress bar. */
export function FreeDeliveryHint({ totals }: { totals: CartTotals }) {
  if (totals.free_delivery_threshold_cents <= 0) return null;
  const done = totals.amount_to_free_delivery_cents <= 0;
  const pct = Math.min(
    100,
    Math.round(
      ((totals.free_delivery_threshold_cents - totals.amount_to_free_delivery_cents) /
        totals.free_delivery_threshold_cents) *
        100,
    ),
  );
  return (
    <div className="rounded-xl bg-brand-50 px-3 py-2.5 text-sm text-brand-800">
      <p className="font-semibold">
        {done
          ? 'Yay! You get free delivery on this order'
          : `Add ${formatMoney(totals.amount_to_free_delivery_cents, totals.currency)} more for free delivery`}
      </p>
      <div
        className="mt-2 h-1.5 overflow-hidden rounded-full bg-brand-100"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Progress to free delivery"
      >
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
