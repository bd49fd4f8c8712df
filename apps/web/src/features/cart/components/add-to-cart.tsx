import { Spinner } from '../../../components/states';
import { cn } from '../../../lib/format';
import { useCartLine } from '../api/get-cart';
import { useUpdateCart } from '../api/update-cart';
import { Stepper } from './stepper';

/**
 * ADD, then − qty + in place: the inline control on product cards and the product page.
 * `variantId` null (a product with no sellable variant) or out of stock disables it.
 */
export function AddToCart({
  variantId,
  name,
  inStock,
  size = 'md',
  className,
}: {
  variantId: string | null;
  name: string;
  inStock: boolean;
  size?: 'md' | 'lg';
  className?: string;
}) {
  const line = useCartLine(variantId);
  const update = useUpdateCart();
  const adding = update.isPending && update.variables?.kind === 'add';

  if (line)
    return (
      <div className={className}>
        <Stepper
          size={size}
          label={name}
          quantity={line.quantity}
          onIncrement={() => update.mutate({ kind: 'step', itemId: line.id, by: 1 })}
          onDecrement={() => update.mutate({ kind: 'step', itemId: line.id, by: -1 })}
        />
      </div>
    );

  const disabled = !variantId || !inStock;
  return (
    <button
      type="button"
      disabled={disabled || adding}
      onClick={() => variantId && update.mutate({ kind: 'add', variantId })}
      aria-label={disabled ? `${name} is out of stock` : `Add ${name} to cart`}
      className={cn(
        'flex items-center justify-center gap-1 rounded-lg border font-bold whitespace-nowrap uppercase transition',
        size === 'lg'
          ? 'h-11 min-w-32 px-6 text-base'
          : disabled
            ? 'h-8 px-2 text-[11px]'
            : 'h-8 min-w-16 px-3 text-[13px]',
        disabled
          ? 'border-line bg-gray-50 text-muted'
          : 'border-brand-600 bg-brand-50 text-brand-700 hover:bg-brand-600 hover:text-white',
        className,
      )}
    >
      {adding ? <Spinner size={14} /> : disabled ? size === 'lg' ? 'Out of stock' : 'Sold out' : 'Add'}
    </button>
  );
}
