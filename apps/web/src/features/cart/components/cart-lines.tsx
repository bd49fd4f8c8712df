import { Link } from 'react-router';
import { AlertIcon, TrashIcon } from '../../../components/icons';
import { Price } from '../../../components/price';
import { ProductImage } from '../../../components/product-image';
import { variantLabel } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { useUpdateCart } from '../api/update-cart';
import type { Cart } from '../types';
import { Stepper } from './stepper';

export function CartLines({ cart, onNavigate }: { cart: Cart; onNavigate?: () => void }) {
  const update = useUpdateCart();
  const currency = cart.totals.currency;
  return (
    <ul className="divide-y divide-line" aria-label="Items in your cart">
      {cart.items.map((item) => {
        const variant = variantLabel(item.variant_name, item.unit);
        const label = variant ? `${item.name} (${variant})` : item.name;
        return (
          <li key={item.id} className="flex gap-3 py-3" data-testid="cart-line">
            <ProductImage
              src={item.image_url}
              alt=""
              className="h-16 w-16 shrink-0 rounded-xl border border-line bg-white p-1"
            />
            <div className="min-w-0 flex-1">
              {item.product_slug ? (
                <Link
                  to={`/p/${item.product_slug}`}
                  onClick={onNavigate}
                  className="line-clamp-2 text-sm font-semibold hover:underline"
                >
                  {item.name}
                </Link>
              ) : (
                <p className="line-clamp-2 text-sm font-semibold">{item.name}</p>
              )}
              <p className="text-xs text-muted">
                {[variant, item.unit].filter(Boolean).join(' · ')}
                {item.quantity > 1 && ` · ${formatMoney(item.unit_price_cents, currency)} each`}
              </p>
              {item.warning && (
                <p className="mt-1 flex items-start gap-1 text-xs font-medium text-amber-700" role="status">
                  <AlertIcon size={14} className="mt-px shrink-0" /> {item.warning.message}
                </p>
              )}
              <button
                type="button"
                onClick={() => update.mutate({ kind: 'remove', itemId: item.id })}
                className="mt-1 inline-flex items-center gap-1 text-xs text-muted hover:text-red-600"
                aria-label={`Remove ${label} from cart`}
              >
                <TrashIcon size={12} /> Remove
              </button>
            </div>
            <div className="flex flex-col items-end justify-between gap-2">
              <Stepper
                label={label}
                quantity={item.quantity}
                max={item.available > 0 ? item.available : undefined}
                onIncrement={() => update.mutate({ kind: 'step', itemId: item.id, by: 1 })}
                onDecrement={() => update.mutate({ kind: 'step', itemId: item.id, by: -1 })}
              />
              <Price
                cents={item.line_subtotal_cents}
                compareAtCents={
                  item.compare_at_price_cents !== null ? item.compare_at_price_cents * item.quantity : null
                }
                currency={currency}
                size="sm"
                className="justify-end"
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
