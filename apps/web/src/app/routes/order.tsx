import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { useToast } from '../../components/toast';
import { CheckIcon, ChevronLeft } from '../../components/icons';
import { ProductImage } from '../../components/product-image';
import { EmptyState, ErrorState, InlineError, PageLoader, errorMessage } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime, variantLabel } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { addLinesMessage, useAddLines } from '../../features/cart/api/add-lines';
import { cartDrawer } from '../../features/cart/cart-ui';
import { Bill } from '../../features/cart/components/bill';
import { useCancelOrder, useOrder } from '../../features/orders/api/orders';
import { STATUS_LABEL, StatusBadge } from '../../features/orders/components/order-status';
import { RefundSection } from '../../features/orders/components/refunds';
import { CANCELLABLE, type Order, type OrderStatus } from '../../features/orders/types';
import { RetryPayment } from '../../features/checkout/components/retry-payment';
import { OrderTracker } from '../../features/tracking/components/order-tracker';
import { RequireAuth } from '../components/require-auth';
import { usePageTitle } from '../components/page-title';

function CancelDialog({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const cancel = useCancelOrder(order.id);
  return (
    <Dialog open={open} onClose={onClose} title={`Cancel order ${order.number}?`}>
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate(reason.trim() || 'Cancelled by customer', { onSuccess: onClose });
        }}
      >
        <p className="text-sm text-muted">
          Items go back on the shelf and any payment is refunded to where it came from.
        </p>
        <div>
          <label htmlFor="cancel-reason" className="mb-1 block text-sm font-medium">
            Reason (optional)
          </label>
          <textarea
            id="cancel-reason"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="block w-full rounded-xl border border-line p-3 text-[15px] outline-none focus:border-brand-600"
          />
        </div>
        {cancel.error && (
          <InlineError>
            {isApiError(cancel.error, 409)
              ? 'This order can no longer be cancelled.'
              : errorMessage(cancel.error)}
          </InlineError>
        )}
        <div className="flex gap-2">
          <Button type="submit" variant="danger" loading={cancel.isPending}>
            Cancel order
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Keep it
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Puts a past order's items back in the cart and opens it; names what could not be added. */
function ReorderButton({ order }: { order: Order }) {
  const addLines = useAddLines();
  const notify = useToast();
  const lines = order.items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity, name: i.name }));
  return (
    <Button
      variant="secondary"
      size="sm"
      loading={addLines.isPending}
      onClick={() =>
        addLines.mutate(lines, {
          onSuccess: (r) => {
            notify(addLinesMessage(r), r.skipped.length || r.reduced.length ? 'info' : 'success');
            if (r.added) cartDrawer.open();
          },
          onError: (err) => notify(errorMessage(err), 'error'),
        })
      }
    >
      Reorder
    </Button>
  );
}

/** Orders still on their way (or about to be): the tracker follows them live. */
const MOVING: OrderStatus[] = ['pending_payment', 'confirmed', 'packed', 'out_for_delivery'];

function OrderView({ order, placed }: { order: Order; placed: boolean }) {
  const [cancelling, setCancelling] = useState(false);
  const a = order.shipping_address;
  const p = order.payment;
  return (
    <div className="space-y-4">
      {placed && order.status !== 'cancelled' && order.status !== 'pending_payment' && (
        <section className="flex items-center gap-4 rounded-3xl bg-brand-50 p-4 md:p-5" aria-live="polite">
          <div className="flex h-12 w-12 shrink-0 items-center justify-center rounded-full bg-brand-600 text-white">
            <CheckIcon size={28} />
          </div>
          <div>
            <h1 className="text-xl font-black text-brand-800 md:text-2xl">Order placed!</h1>
            <p className="text-sm text-brand-800/80">
              Order {order.number} is with the store. Follow it here — this page updates by itself.
            </p>
          </div>
        </section>
      )}
      {order.status === 'pending_payment' && <RetryPayment order={order} />}
      <OrderTracker orderId={order.id} live={MOVING.includes(order.status)} />
      <section className="rounded-2xl border border-line bg-white p-4 md:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            {placed && order.status !== 'pending_payment' ? (
              <h2 className="text-lg font-extrabold">Order {order.number}</h2>
            ) : (
              <h1 className="text-xl font-extrabold">Order {order.number}</h1>
            )}
            <p className="text-xs text-muted">Placed {formatDateTime(order.created_at)}</p>
          </div>
          <StatusBadge status={order.status} />
        </div>
        {order.status === 'cancelled' && (
          <p className="mt-3 rounded-xl bg-gray-100 p-3 text-sm">
            Cancelled{order.cancelled_at ? ` on ${formatDateTime(order.cancelled_at)}` : ''}
            {order.cancel_reason ? ` — ${order.cancel_reason}` : ''}.
          </p>
        )}
        <div className="mt-4 flex flex-wrap gap-2 border-t border-line pt-4">
          <ReorderButton order={order} />
          {CANCELLABLE.includes(order.status) && (
            <Button variant="outline" size="sm" onClick={() => setCancelling(true)}>
              Cancel order
            </Button>
          )}
        </div>
      </section>
      <RefundSection order={order} />

      <div className="grid gap-4 md:grid-cols-2">
        <section className="rounded-2xl border border-line bg-white p-4 md:p-5" aria-labelledby="items-h">
          <h2 id="items-h" className="mb-2 font-extrabold">
            Items
          </h2>
          <ul className="divide-y divide-line">
            {order.items.map((i) => (
              <li key={i.id} className="flex items-center gap-3 py-2 text-sm">
                <ProductImage
                  src={i.image_url}
                  alt=""
                  className="h-12 w-12 shrink-0 rounded-lg border border-line"
                />
                <span className="min-w-0 flex-1">
                  <span className="line-clamp-1 font-medium">{i.name}</span>
                  <span className="text-xs text-muted">
                    {i.quantity} × {formatMoney(i.unit_price_cents, order.currency)}
                    {[variantLabel(i.variant_name, i.unit), i.unit].filter(Boolean).map((x) => ` · ${x}`)}
                  </span>
                </span>
                <span className="font-semibold">{formatMoney(i.line_subtotal_cents, order.currency)}</span>
              </li>
            ))}
          </ul>
          <Bill
            totals={{ ...order.totals, currency: order.currency }}
            couponCode={order.coupon_code}
            className="mt-3 border-t border-line pt-3"
          />
          {order.refunded_cents > 0 && (
            <p className="mt-2 text-sm font-semibold text-brand-700">
              Refunded {formatMoney(order.refunded_cents, order.currency)}
            </p>
          )}
        </section>
        <div className="space-y-4">
          <section
            className="rounded-2xl border border-line bg-white p-4 text-sm md:p-5"
            aria-labelledby="addr-h"
          >
            <h2 id="addr-h" className="mb-2 font-extrabold">
              Delivering to
            </h2>
            <p className="font-semibold">{a.full_name}</p>
            <p className="text-muted">
              {a.line1}
              {a.line2 ? `, ${a.line2}` : ''}, {a.city}
              {a.region ? `, ${a.region}` : ''} {a.postal_code}
            </p>
            {order.note && <p className="mt-2 text-muted">Note: {order.note}</p>}
          </section>
          <section
            className="rounded-2xl border border-line bg-white p-4 text-sm md:p-5"
            aria-labelledby="pay-h"
          >
            <h2 id="pay-h" className="mb-2 font-extrabold">
              Payment
            </h2>
            <p>
              {p?.card
                ? `${p.card.brand.toUpperCase()} •••• ${p.card.last4}`
                : order.payment_method === 'cod'
                  ? 'Cash on delivery'
                  : order.payment_method}
              {p && <span className="ml-2 text-muted">({p.status.replace(/_/g, ' ')})</span>}
            </p>
          </section>
          <section
            className="rounded-2xl border border-line bg-white p-4 text-sm md:p-5"
            aria-labelledby="tl-h"
          >
            <h2 id="tl-h" className="mb-2 font-extrabold">
              Order activity
            </h2>
            <ol className="space-y-2">
              {order.timeline.map((t, i) => (
                <li key={i} className="flex justify-between gap-3">
                  <span>
                    {STATUS_LABEL[t.to]}
                    {t.note ? <span className="text-muted"> — {t.note}</span> : null}
                  </span>
                  <span className="shrink-0 text-xs text-muted">{formatDateTime(t.at)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
      <CancelDialog order={order} open={cancelling} onClose={() => setCancelling(false)} />
    </div>
  );
}

export default function OrderPage() {
  return (
    <RequireAuth>
      <OrderScreen />
    </RequireAuth>
  );
}

function OrderScreen() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const order = useOrder(id);
  usePageTitle(order.data ? `Order ${order.data.number}` : 'Order');
  return (
    <div className="mx-auto max-w-4xl px-4 py-4 md:py-6">
      <Link
        to="/orders"
        className="mb-3 inline-flex items-center gap-1 text-sm font-semibold text-muted hover:text-ink"
      >
        <ChevronLeft size={16} /> My orders
      </Link>
      {order.isPending ? (
        <PageLoader />
      ) : order.error ? (
        isApiError(order.error, 404) || isApiError(order.error, 422) ? (
          <EmptyState title="Order not found" action={<ButtonLink to="/orders">See my orders</ButtonLink>} />
        ) : (
          <ErrorState error={order.error} onRetry={() => void order.refetch()} />
        )
      ) : (
        <OrderView order={order.data} placed={params.get('placed') === '1'} />
      )}
    </div>
  );
}
