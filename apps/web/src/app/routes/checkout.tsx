import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Button, ButtonLink } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ClockIcon, PlusIcon } from '../../components/icons';
import { ProductImage } from '../../components/product-image';
import { RadioCard } from '../../components/radio-card';
import { ErrorState, InlineError, PageLoader, Skeleton, errorMessage } from '../../components/states';
import { isApiError } from '../../lib/api';
import { plural, variantLabel } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useAddresses } from '../../features/addresses/api/addresses';
import { AddressTitle, AddressText } from '../../features/addresses/components/address-card';
import { AddressForm } from '../../features/addresses/components/address-form';
import { useCart, useCartKey } from '../../features/cart/api/get-cart';
import { useSetCartLocation } from '../../features/cart/api/set-location';
import { Bill } from '../../features/cart/components/bill';
import { EmptyCart } from '../../features/cart/components/cart-drawer';
import type { Cart } from '../../features/cart/types';
import { usePaymentMethods } from '../../features/checkout/api/payment-methods';
import { useConfirmPayment, usePlaceOrder, type PlacedOrder } from '../../features/checkout/api/place-order';
import { PaymentChoice, usePaymentChoice } from '../../features/checkout/components/payment-choice';
import { locationStore } from '../../features/location/location-store';
import { RequireAuth } from '../components/require-auth';
import { usePageTitle } from '../components/page-title';

function Section({ step, title, children }: { step: number; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`step-${step}`} className="rounded-2xl border border-line bg-white p-4 md:p-5">
      <h2 id={`step-${step}`} className="mb-4 flex items-center gap-2 text-lg font-extrabold">
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-sm text-white">
          {step}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}

function AddressStep({
  selected,
  onSelect,
  cart,
}: {
  selected: string | null;
  onSelect: (id: string) => void;
  cart: Cart;
}) {
  const addresses = useAddresses();
  const [adding, setAdding] = useState(false);
  const setLocation = useSetCartLocation();
  const list = addresses.data ?? [];

  // Deliver from the store serving the chosen address, so availability and ETA are the real ones.
  const choose = (id: string) => {
    onSelect(id);
    const a = list.find((x) => x.id === id);
    if (a && a.postal_code !== cart.postal_code)
      setLocation.mutate(a.postal_code, { onSuccess: () => locationStore.set(a.postal_code) });
  };

  useEffect(() => {
    if (!selected && list.length) {
      const def = list.find((a) => a.is_default_shipping) ?? list[0]!;
      choose(def.id);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- pick a default once the list arrives
  }, [list.length, selected]);

  if (addresses.isPending) return <Skeleton className="h-20 w-full" />;
  if (addresses.error) return <ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} />;

  return (
    <div className="space-y-3">
      {list.length > 0 && (
        <div role="radiogroup" aria-label="Delivery address" className="space-y-2">
          {list.map((a) => (
            <RadioCard
              key={a.id}
              name="address"
              checked={selected === a.id}
              onChange={() => choose(a.id)}
              alignTop
            >
              <span className="flex flex-col">
                <AddressTitle address={a} />
                <AddressText address={a} />
              </span>
            </RadioCard>
          ))}
        </div>
      )}
      {setLocation.isError && (
        <InlineError>
          {isApiError(setLocation.error, 404)
            ? 'We don’t deliver to this address yet. Choose another address.'
            : errorMessage(setLocation.error)}
        </InlineError>
      )}
      {adding || list.length === 0 ? (
        <div className="rounded-xl border border-dashed border-line p-4">
          <h3 className="mb-3 font-bold">New address</h3>
          <AddressForm
            defaults={{ postal_code: cart.postal_code ?? '', is_default_shipping: list.length === 0 }}
            onSaved={(a) => {
              setAdding(false);
              choose(a.id);
            }}
            onCancel={list.length ? () => setAdding(false) : undefined}
          />
        </div>
      ) : (
        <Button variant="outline" onClick={() => setAdding(true)}>
          <PlusIcon size={16} /> Add a new address
        </Button>
      )}
    </div>
  );
}

function Summary({ cart }: { cart: Cart }) {
  return (
    <div>
      {cart.store && (
        <p className="mb-3 flex items-center gap-2 text-sm font-semibold text-brand-800">
          <ClockIcon size={16} /> Delivery in {cart.store.eta_minutes} minutes from {cart.store.name}
        </p>
      )}
      <ul className="mb-4 max-h-72 divide-y divide-line overflow-y-auto" aria-label="Items">
        {cart.items.map((i) => (
          <li key={i.id} className="flex items-center gap-3 py-2 text-sm">
            <ProductImage
              src={i.image_url}
              alt=""
              className="h-10 w-10 shrink-0 rounded-lg border border-line"
            />
            <span className="min-w-0 flex-1">
              <span className="line-clamp-1 font-medium">{i.name}</span>
              <span className="text-xs text-muted">
                {i.quantity} × {formatMoney(i.unit_price_cents, cart.totals.currency)}
                {variantLabel(i.variant_name, i.unit) ? ` · ${variantLabel(i.variant_name, i.unit)}` : ''}
              </span>
              {i.warning && (
                <span className="block text-xs font-medium text-amber-700">{i.warning.message}</span>
              )}
            </span>
            <span className="font-semibold">{formatMoney(i.line_subtotal_cents, cart.totals.currency)}</span>
          </li>
        ))}
      </ul>
      <Bill totals={cart.totals} couponCode={cart.coupon?.code} />
    </div>
  );
}

function Checkout({ cart, onPlaced }: { cart: Cart; onPlaced: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const cartKey = useCartKey();
  const methods = usePaymentMethods();
  const place = usePlaceOrder();
  const confirm = useConfirmPayment();
  const [addressId, setAddressId] = useState<string | null>(null);
  const payment = usePaymentChoice(methods.data ?? []);
  const { chosen } = payment;
  const [note, setNote] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [authenticate, setAuthenticate] = useState<PlacedOrder | null>(null);
  const submitting = useRef(false);

  const done = (order: { id: string }) => navigate(`/orders/${order.id}?placed=1`, { replace: true });

  const submit = async () => {
    // A second click while the first is in flight does nothing (the key also guards the server).
    if (submitting.current) return;
    setFormError(null);
    if (!addressId) return setFormError('Choose a delivery address.');
    if (!chosen) return setFormError('Choose how you want to pay.');
    const card = payment.cardInput();
    if (card === false) return;
    submitting.current = true;
    try {
      const order = await place.mutateAsync({
        shipping_address_id: addressId,
        payment_method: chosen.id,
        card,
        note: note.trim() || undefined,
      });
      // The server empties the cart now; keep this screen (and its dialog) on what was ordered.
      onPlaced();
      if (order.payment?.next_action?.type === 'authenticate') setAuthenticate(order);
      else done(order);
    } catch (err) {
      if (isApiError(err, 409)) void queryClient.invalidateQueries({ queryKey: cartKey });
    } finally {
      submitting.current = false;
    }
  };

  const err = place.error;
  const declined = isApiError(err, 402);
  const blocked = cart.items.some((i) => i.warning && i.available < i.quantity);
  // Shown twice: in the summary on wide screens, pinned to the bottom on phones.
  const placeButton = (testId: string) => (
    <Button
      size="lg"
      className="w-full"
      onClick={() => void submit()}
      loading={place.isPending}
      disabled={blocked}
      data-testid={testId}
    >
      {place.isPending
        ? 'Placing order…'
        : `Place order · ${formatMoney(cart.totals.total_cents, cart.totals.currency)}`}
    </Button>
  );

  return (
    <div className="grid gap-4 md:grid-cols-[1fr_380px] md:items-start md:gap-6">
      <div className="space-y-4">
        <Section step={1} title="Delivery address">
          <AddressStep selected={addressId} onSelect={setAddressId} cart={cart} />
        </Section>
        <Section step={2} title="Payment">
          {methods.isPending ? (
            <Skeleton className="h-16 w-full" />
          ) : methods.error ? (
            <ErrorState error={methods.error} onRetry={() => void methods.refetch()} />
          ) : (
            <div className="space-y-3">
              <PaymentChoice label="Payment method" name="payment" choice={payment} />
              {declined && (
                <InlineError>
                  Payment declined: {err.message}. Try another card or pay cash on delivery — nothing was
                  charged.
                </InlineError>
              )}
            </div>
          )}
        </Section>
        <Section step={3} title="Delivery instructions">
          <label htmlFor="note" className="sr-only">
            Instructions for the rider (optional)
          </label>
          <textarea
            id="note"
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Optional — e.g. ring the bell, leave at the door"
            className="block w-full rounded-xl border border-line p-3 text-[15px] outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-600/20"
          />
        </Section>
      </div>

      <aside
        className="rounded-2xl border border-line bg-white p-4 md:sticky md:top-24 md:p-5"
        aria-label="Order summary"
      >
        <h2 className="mb-3 text-lg font-extrabold">Order summary · {plural(cart.quantity, 'item')}</h2>
        <Summary cart={cart} />
        <div className="mt-4 space-y-3">
          {formError && <InlineError>{formError}</InlineError>}
          {err && !declined && (
            <InlineError>
              {isApiError(err, 409)
                ? `${err.message}. Your cart has been updated — check it and try again.`
                : errorMessage(err)}
            </InlineError>
          )}
          <div className="hidden md:block">{placeButton('place-order')}</div>
          <p className="text-center text-xs text-muted">
            Prices and stock are checked again when you place the order.
          </p>
        </div>
      </aside>

      {/* Phones: the way forward stays in reach at the bottom of the screen. */}
      <div className="fixed inset-x-0 bottom-0 z-30 border-t border-line bg-white p-3 pb-safe md:hidden">
        {placeButton('place-order-mobile')}
      </div>

      <Dialog open={!!authenticate} onClose={() => setAuthenticate(null)} title="Confirm your payment">
        <div className="space-y-4 p-5">
          <p className="text-sm">
            {authenticate?.payment?.next_action?.message ?? 'Your bank asks you to confirm this payment.'}
          </p>
          <p className="rounded-xl bg-amber-50 p-3 text-xs text-amber-900">
            Sandbox: this stands in for the bank’s own confirmation screen (3-D Secure).
          </p>
          {confirm.error && <InlineError>{errorMessage(confirm.error)}</InlineError>}
          <div className="flex gap-2">
            <Button
              loading={confirm.isPending}
              onClick={() =>
                authenticate?.payment &&
                confirm.mutate(authenticate.payment.id, { onSuccess: () => done(authenticate) })
              }
            >
              Confirm payment
            </Button>
            <Button variant="ghost" onClick={() => authenticate && done(authenticate)}>
              Not now
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}

export default function CheckoutPage() {
  usePageTitle('Checkout');
  return (
    <RequireAuth>
      <CheckoutScreen />
    </RequireAuth>
  );
}

function CheckoutScreen() {
  const { data: live, isPending, error, refetch } = useCart();
  const [placed, setPlaced] = useState<Cart | null>(null);
  const cart = placed ?? live;
  if (isPending && !placed) return <PageLoader />;
  if (error && !placed) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!cart || !cart.items.length)
    return <EmptyCart action={<ButtonLink to="/">Start shopping</ButtonLink>} />;
  return (
    <div className="px-4 pt-4 pb-24 md:py-6">
      <h1 className="mb-4 text-2xl font-extrabold tracking-tight">Checkout</h1>
      <Checkout cart={cart} onPlaced={() => setPlaced(cart)} />
    </div>
  );
}
