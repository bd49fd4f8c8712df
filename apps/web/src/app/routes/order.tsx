import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { CheckIcon, ChevronLeft, ClockIcon } from '../../components/icons';
import { ProductImage } from '../../components/product-image';
import { EmptyState, ErrorState, InlineError, PageLoader, errorMessage } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime, variantLabel } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { Bill } from '../../features/cart/components/bill';
import { useCancelOrder, useOrder } from '../../features/orders/api/orders';
import { STATUS_LABEL, StatusBadge, StatusSteps } from '../../features/orders/components/order-status';
import { CANCELLABLE, type Order } from '../../features/orders/types';
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

function OrderView({ order, placed }: { order: Order; placed: boolean }) {
  const [cancelling, setCancelling] = useState(false);
  const a = order.shipping_address;
  const p = order.payment;
  return (
    <div className="space-y-4">
      {placed && order.status !== 'cancelled' && (
        <section
          className="rounded-3xl bg-gradient-to-br from-brand-600 to-brand-800 p-6 text-center text-white"
          aria-live="polite"
        >
          <div className="mx-auto flex h-16 w-16 items-center justify-center rounded-full bg-white text-brand-700">
            <CheckIcon size={34} />
          </div>
          <h1 className="mt-3 text-2xl font-black">Order placed!</h1>
          <p className="mt-1 text-white/85">
            Order {order.number} · arriving in about {order.eta_minutes} minutes
          </p>
        </section>
      )}
      <section className="rounded-2xl border border-line bg-white p-4 md:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            {placed ? (
              <h2 className="text-lg font-extrabold">Order {order.number}</h2>
            ) : (
              <h1 className="text-xl font-extrabold">Order {order.number}</h1>
            )}
            <p className="text-xs text-muted">Placed {formatDateTime(order.created_at)}</p>
          </div>
          <StatusBadge status={order.status} />
        </div>
        {['confirmed', 'packed', 'out_for_delivery'].includes(order.status) && (
          <p className="mt-3 flex items-center gap-2 text-sm font-semibold text-brand-800">
            <ClockIcon size={16} /> Estimated delivery in {order.eta_minutes} minutes
          </p>
        )}
        {order.status === 'pending_payment' && (
          <p className="mt-3 rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
            Waiting for payment
            {p?.next_action ? ` — ${p.next_action.message}` : ''}
            {order.payment_due_at
              ? `. The order is held until ${formatDateTime(order.payment_due_at)}.`
              : '.'}
          </p>
        )}
        {order.status === 'cancelled' && (
          <p className="mt-3 rounded-xl bg-gray-100 p-3 text-sm">
            Cancelled{order.cancelled_at ? ` on ${formatDateTime(order.cancelled_at)}` : ''}
            {order.cancel_reason ? ` — ${order.cancel_reason}` : ''}.
          </p>
        )}
        <div className="mt-5">
          <StatusSteps order={order} />
        </div>
        {/* Live tracking (rider, ETA, map) arrives with the delivery module at /orders/:id/track. */}
        {CANCELLABLE.includes(order.status) && (
          <div className="mt-5 border-t border-line pt-4">
            <Button variant="outline" size="sm" onClick={() => setCancelling(true)}>
              Cancel order
            </Button>
          </div>
        )}
      </section>

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
              History
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
