import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { buttonClass } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { CartIcon, ChevronRight, ClockIcon } from '../../../components/icons';
import { EmptyState, ErrorState, PageLoader } from '../../../components/states';
import { formatMoney } from '../../../lib/money';
import { plural } from '../../../lib/format';
import { useCart } from '../api/get-cart';
import { cartDrawer, useCartDrawerOpen } from '../cart-ui';
import type { Cart } from '../types';
import { Bill, FreeDeliveryHint } from './bill';
import { CartLines } from './cart-lines';
import { CouponForm } from './coupon-form';

/** Everything about the cart but the way out, in one column (the drawer). */
export function CartContents({ cart, onNavigate }: { cart: Cart; onNavigate?: () => void }) {
  return (
    <div className="space-y-4">
      <CartItems cart={cart} onNavigate={onNavigate} />
      <CartBill cart={cart} />
    </div>
  );
}

/** Where it comes from, the free-delivery hint and the lines. */
export function CartItems({ cart, onNavigate }: { cart: Cart; onNavigate?: () => void }) {
  return (
    <div className="space-y-4">
      {cart.store && (
        <p className="flex items-center gap-2 rounded-xl bg-white text-sm font-semibold">
          <span className="flex h-9 w-9 items-center justify-center rounded-full bg-brand-50 text-brand-700">
            <ClockIcon size={18} />
          </span>
          <span>
            Delivery in {cart.store.eta_minutes} minutes
            <span className="block text-xs font-normal text-muted">
              {plural(cart.quantity, 'item')} from {cart.store.name}
            </span>
          </span>
        </p>
      )}
      <FreeDeliveryHint totals={cart.totals} />
      <CartLines cart={cart} onNavigate={onNavigate} />
    </div>
  );
}

/** The coupon and the bill. */
export function CartBill({ cart }: { cart: Cart }) {
  return (
    <div className="space-y-4">
      <CouponForm cart={cart} />
      <section aria-label="Bill details" className="rounded-xl bg-gray-50 p-4">
        <h3 className="mb-3 text-sm font-bold">Bill details</h3>
        <Bill totals={cart.totals} couponCode={cart.coupon?.code} />
      </section>
    </div>
  );
}

export function CheckoutButton({ cart, onClick }: { cart: Cart; onClick: () => void }) {
  const blocked = cart.items.some((i) => i.warning && i.available < i.quantity);
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={blocked}
      className={buttonClass('primary', 'lg', 'w-full justify-between')}
    >
      <span className="text-left leading-tight">
        <span className="block text-base">{formatMoney(cart.totals.total_cents, cart.totals.currency)}</span>
        <span className="block text-[11px] font-medium opacity-80">TOTAL</span>
      </span>
      <span className="flex items-center">
        {blocked ? 'Fix items above' : 'Proceed to checkout'} <ChevronRight size={18} />
      </span>
    </button>
  );
}

export function EmptyCart({ action }: { action?: ReactNode }) {
  return (
    <EmptyState icon={<CartIcon size={28} />} title="Your cart is empty" action={action}>
      Add fresh groceries and daily essentials — they arrive in minutes.
    </EmptyState>
  );
}

/** The cart as a drawer (right side on desktop, bottom sheet on phones). */
export function CartDrawer() {
  const open = useCartDrawerOpen();
  const { data: cart, isPending, error, refetch } = useCart();
  const navigate = useNavigate();
  const close = () => cartDrawer.close();
  const hasItems = !!cart && cart.items.length > 0;

  return (
    <Dialog
      open={open}
      onClose={close}
      title="My cart"
      variant="drawer"
      footer={
        hasItems ? (
          <CheckoutButton
            cart={cart}
            onClick={() => {
              close();
              navigate('/checkout');
            }}
          />
        ) : undefined
      }
    >
      <div className="p-4">
        {isPending ? (
          <PageLoader label="Loading your cart" />
        ) : error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : hasItems ? (
          <CartContents cart={cart} onNavigate={close} />
        ) : (
          <EmptyCart
            action={
              <button type="button" onClick={close} className={buttonClass('primary')}>
                Start shopping
              </button>
            }
          />
        )}
      </div>
    </Dialog>
  );
}

/** Header cart button with the live count. */
export function CartButton() {
  const { data: cart } = useCart();
  const qty = cart?.quantity ?? 0;
  return (
    <button
      type="button"
      onClick={() => cartDrawer.open()}
      className="flex h-11 items-center gap-2 rounded-xl bg-brand-600 px-3 font-bold text-white hover:bg-brand-700 md:px-4"
      aria-label={qty ? `Cart, ${plural(qty, 'item')}` : 'Cart, empty'}
      data-testid="cart-button"
    >
      <CartIcon size={20} />
      {qty > 0 ? (
        <span className="flex flex-col items-start text-left text-xs leading-tight">
          <span>{plural(qty, 'item')}</span>
          <span>{formatMoney(cart!.totals.subtotal_cents, cart!.totals.currency)}</span>
        </span>
      ) : (
        <span className="hidden text-sm md:inline">My Cart</span>
      )}
    </button>
  );
}

/** Phones: a sticky bar above the bottom edge while the cart has items. */
export function CartBar() {
  const { data: cart } = useCart();
  const open = useCartDrawerOpen();
  const { pathname } = useLocation();
  // The cart and checkout screens have their own way forward.
  if (!cart || cart.quantity === 0 || open || pathname === '/cart' || pathname === '/checkout') return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-30 p-3 pb-safe md:hidden">
      <button
        type="button"
        onClick={() => cartDrawer.open()}
        className="flex w-full items-center justify-between rounded-2xl bg-brand-600 px-4 py-3 text-white shadow-float"
        data-testid="cart-bar"
      >
        <span className="flex items-center gap-3">
          <span className="flex h-9 w-9 items-center justify-center rounded-xl bg-white/15">
            <CartIcon size={20} />
          </span>
          <span className="text-left leading-tight">
            <span className="block text-sm font-bold">{plural(cart.quantity, 'item')}</span>
            <span className="block text-xs opacity-90">
              {formatMoney(cart.totals.subtotal_cents, cart.totals.currency)}
            </span>
          </span>
        </span>
        <span className="flex items-center text-sm font-bold">
          View cart <ChevronRight size={18} />
        </span>
      </button>
    </div>
  );
}
