import { MinusIcon, PlusIcon } from '../../../components/icons';
import { cn } from '../../../lib/format';

/** The green − qty + pill. */
export function Stepper({
  quantity,
  onIncrement,
  onDecrement,
  label,
  max,
  size = 'md',
}: {
  quantity: number;
  onIncrement: () => void;
  onDecrement: () => void;
  label: string;
  max?: number;
  size?: 'md' | 'lg';
}) {
  const btn = cn(
    'flex h-full items-center justify-center text-white hover:bg-brand-700 disabled:opacity-50',
    size === 'lg' ? 'w-11' : 'w-8',
  );
  return (
    <div
      className={cn(
        'flex items-center overflow-hidden rounded-lg bg-brand-600 font-bold text-white shadow-sm',
        size === 'lg' ? 'h-11 text-base' : 'h-8 text-sm',
      )}
      role="group"
      aria-label={`Quantity of ${label}`}
    >
      <button type="button" className={btn} onClick={onDecrement} aria-label={`Remove one ${label}`}>
        <MinusIcon size={size === 'lg' ? 18 : 14} />
      </button>
      <span
        className={cn('text-center tabular-nums', size === 'lg' ? 'min-w-8' : 'min-w-6')}
        aria-live="polite"
      >
        {quantity}
      </span>
      <button
        type="button"
        className={btn}
        onClick={onIncrement}
        disabled={max !== undefined && quantity >= max}
        aria-label={`Add one more ${label}`}
      >
        <PlusIcon size={size === 'lg' ? 18 : 14} />
      </button>
    </div>
  );
}
