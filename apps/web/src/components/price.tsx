import { formatMoney } from '../lib/money';
import { cn } from '../lib/format';

/** The price to pay, with the regular price struck through when it is on sale. */
export function Price({
  cents,
  compareAtCents,
  currency,
  size = 'md',
  className,
}: {
  cents: number;
  compareAtCents?: number | null;
  currency?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}) {
  const onSale = compareAtCents != null && compareAtCents > cents;
  return (
    <span className={cn('inline-flex flex-wrap items-baseline gap-x-1.5', className)}>
      <span
        className={cn(
          'font-bold text-ink',
          size === 'sm' && 'text-sm',
          size === 'md' && 'text-[15px]',
          size === 'lg' && 'text-2xl',
        )}
      >
        {formatMoney(cents, currency)}
      </span>
      {onSale && (
        <s className={cn('text-muted', size === 'lg' ? 'text-base' : 'text-xs')}>
          <span className="sr-only">was </span>
          {formatMoney(compareAtCents, currency)}
        </s>
      )}
    </span>
  );
}
