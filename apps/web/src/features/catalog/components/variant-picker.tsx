import { formatMoney } from '../../../lib/money';
import { cn } from '../../../lib/format';
import type { Variant } from '../types';

/**
 * Pack sizes / options as a radio group of chips showing each variant's own price. A variant the
 * shopper's store cannot sell stays choosable (to see its price) but is marked and dimmed.
 */
export function VariantPicker({
  variants,
  selectedId,
  onSelect,
  currency,
}: {
  variants: Variant[];
  selectedId: string;
  onSelect: (id: string) => void;
  currency: string;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-bold">Select unit</legend>
      <div role="radiogroup" className="flex flex-wrap gap-2">
        {variants.map((v) => {
          const selected = v.id === selectedId;
          const soldOut = v.in_stock === false;
          return (
            <label
              key={v.id}
              className={cn(
                'relative flex min-w-24 cursor-pointer flex-col rounded-xl border-2 px-3 py-2 text-sm transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
                selected ? 'border-brand-600 bg-brand-50' : 'border-line bg-white hover:border-gray-300',
                soldOut && 'border-dashed text-muted',
              )}
            >
              <input
                type="radio"
                name="variant"
                value={v.id}
                checked={selected}
                onChange={() => onSelect(v.id)}
                className="sr-only"
              />
              {v.discount_percent > 0 && (
                <span className="absolute -top-2 right-2 rounded bg-blue-600 px-1 text-[10px] font-bold text-white">
                  {v.discount_percent}% OFF
                </span>
              )}
              <span className="font-semibold">{v.name}</span>
              <span className="text-xs">
                <b>{formatMoney(v.effective_price_cents, currency)}</b>
                {v.sale_price_cents !== null && (
                  <s className="ml-1 text-muted">{formatMoney(v.price_cents, currency)}</s>
                )}
              </span>
              {soldOut && <span className="text-[11px] font-semibold text-red-600">Out of stock</span>}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
