import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { ProductImage } from '../../components/product-image';
import { ErrorState, PageLoader } from '../../components/states';
import { useToast } from '../../components/toast';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useSession } from '../../lib/session';
import { useWarehouses } from '../api/inventory';
import {
  CANCELLABLE,
  NEXT_STATUSES,
  useAddOrderNote,
  useAdminOrder,
  useCancelOrder,
  useFulfilOrder,
  useSetOrderStatus,
} from '../api/orders';
import { methodLabel, refundableCents, useOrderPayments, useOrderRisk } from '../api/payments';
import { fullName, useRiders } from '../api/users';
import { FormDialog } from '../components/forms';
import { HoldDecision } from '../components/hold-decision';
import { RefundDialog } from '../components/refund-dialog';
import { RiskReasons } from '../components/risk-reasons';
import {
  ORDER_LABEL,
  OrderStatusBadge,
  PaymentStatusBadge,
  RiskDecisionBadge,
  RiskScore,
} from '../components/status';
import { Card, Input, PageHeader, Select, Textarea, problemText } from '../components/ui';
import type { AdminOrder, AdminOrderStatus } from '../types';

const ACTION_LABEL: Partial<Record<AdminOrderStatus, string>> = {
  confirmed: 'Confirm',
  on_hold: 'Put on hold',
  packed: 'Mark packed',
  out_for_delivery: 'Out for delivery',
  delivered: 'Mark delivered',
};

function Workflow({ order }: { order: AdminOrder }) {
  const notify = useToast();
  const setStatus = useSetOrderStatus(order.id);
  const cancel = useCancelOrder(order.id);
  const [note, setNote] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const next = NEXT_STATUSES[order.status];
  const move = (status: AdminOrderStatus) => {
    setRefusal(null);
    setStatus.mutate(
      { status, note: note.trim() || undefined },
      {
        onSuccess: (o) => {
          setNote('');
          notify(`Order ${o.number} is now ${ORDER_LABEL[o.status].toLowerCase()}`, 'success');
        },
        // 409: someone (or the delivery flow) moved the order first; the server says from what to what.
        onError: (e) => {
          setRefusal(
            isApiError(e, 409)
              ? `Not possible now: ${e.message}. The order has been reloaded.`
              : problemText(e),
          );
          notify(problemText(e), 'error');
        },
      },
    );
  };
  const canCancel = CANCELLABLE.includes(order.status);
  return (
    <Card title="Status">
      <div className="flex items-center gap-2">
        <OrderStatusBadge status={order.status} />
        {order.cancel_reason && <span className="text-xs text-muted">Reason: {order.cancel_reason}</span>}
      </div>
      {refusal && (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {refusal}
        </p>
      )}
      {next.length > 0 || canCancel ? (
        <div className="mt-3 grid gap-2">
          {next.length > 0 && (
            <Input
              label="Note for the timeline (optional)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
            />
          )}
          <div className="flex flex-wrap gap-2">
            {next.map((s) => (
              <Button
                key={s}
                size="sm"
                variant={s === 'on_hold' ? 'outline' : 'primary'}
                loading={setStatus.isPending && setStatus.variables?.status === s}
                disabled={setStatus.isPending}
                onClick={() => move(s)}
              >
                {ACTION_LABEL[s] ?? ORDER_LABEL[s]}
              </Button>
            ))}
            {canCancel && (
              <Button
                size="sm"
                variant="outline"
                className="text-red-700"
                onClick={() => setCancelling(true)}
              >
                Cancel order
              </Button>
            )}
          </div>
        </div>
      ) : (
        <p className="mt-3 text-sm text-muted">
          No further status changes: this order is {ORDER_LABEL[order.status].toLowerCase()}.
        </p>
      )}
      <FormDialog
        title={`Cancel order ${order.number}`}
        open={cancelling}
        onClose={() => setCancelling(false)}
        onSubmit={() =>
          cancel.mutate(reason.trim(), {
            onSuccess: () => {
              setCancelling(false);
              notify('Order cancelled; stock released and the payment voided or refunded', 'success');
            },
          })
        }
        problem={cancel.error && problemText(cancel.error)}
        pending={cancel.isPending}
        submitLabel="Cancel order"
        cancelLabel="Keep order"
        danger
        canSubmit={!!reason.trim()}
      >
        <p className="text-sm text-muted">
          The customer is told. Reserved stock goes back; a captured payment is refunded.
        </p>
        <Textarea
          label="Reason"
          required
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Out of stock, customer request…"
        />
      </FormDialog>
    </Card>
  );
}

function Fulfilment({ order }: { order: AdminOrder }) {
  const notify = useToast();
  const riders = useRiders();
  const fulfil = useFulfilOrder(order.id);
  const [rider, setRider] = useState(order.rider_id ?? '');
  const [tracking, setTracking] = useState(order.tracking_number ?? '');
  const closed = ['cancelled', 'refunded', 'delivered'].includes(order.status);
  return (
    <Card title="Fulfilment">
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          fulfil.mutate(
            // No rider chosen leaves the assignment as it is: the server cannot unassign one.
            { rider_id: rider || undefined, tracking_number: tracking.trim() || null },
            {
              onSuccess: () => notify('Fulfilment saved', 'success'),
              onError: (err) => notify(problemText(err), 'error'),
            },
          );
        }}
      >
        <Select label="Rider" value={rider} onChange={(e) => setRider(e.target.value)} disabled={closed}>
          <option value="">Not assigned</option>
          {riders.data?.map((r) => (
            <option key={r.id} value={r.id}>
              {fullName(r)}
            </option>
          ))}
        </Select>
        <Input
          label="Tracking number"
          value={tracking}
          onChange={(e) => setTracking(e.target.value)}
          disabled={closed}
        />
        {!closed && (
          <Button
            type="submit"
            size="sm"
            variant="outline"
            loading={fulfil.isPending}
            className="justify-self-start"
          >
            Save fulfilment
          </Button>
        )}
      </form>
    </Card>
  );
}

function Notes({ order }: { order: AdminOrder }) {
  const { user } = useSession();
  const notify = useToast();
  const add = useAddOrderNote(order.id);
  const [body, setBody] = useState('');
  const notes = [...(order.staff_notes ?? [])].reverse();
  return (
    <Card title="Internal notes">
      <form
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(body.trim(), {
            onSuccess: () => {
              setBody('');
              notify('Note added', 'success');
            },
            onError: (err) => notify(problemText(err), 'error'),
          });
        }}
      >
        <Textarea
          label="Add a note"
          hint="Only staff see notes."
          rows={2}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={2000}
        />
        <Button
          type="submit"
          size="sm"
          variant="outline"
          disabled={!body.trim()}
          loading={add.isPending}
          className="justify-self-start"
        >
          Add note
        </Button>
      </form>
      {notes.length > 0 && (
        <ul className="mt-4 space-y-3">
          {notes.map((n) => (
            <li key={n.id} className="rounded-lg bg-amber-50/60 px-3 py-2 text-sm">
              <p className="whitespace-pre-wrap">{n.body}</p>
              <p className="mt-1 text-xs text-muted">
                {n.author_id === user?.id ? 'You' : 'Staff'} · {formatDateTime(n.created_at)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Timeline({ order }: { order: AdminOrder }) {
  const who = (id: string | null) => (id === null ? 'System' : id === order.user_id ? 'Customer' : 'Staff');
  return (
    <Card title="Timeline">
      <ol className="relative space-y-4 border-l border-line pl-5">
        {[...order.timeline].reverse().map((t, i) => (
          <li key={i} className="relative">
            <span
              className="absolute top-1 -left-[1.65rem] h-2.5 w-2.5 rounded-full border-2 border-white bg-brand-500 ring-1 ring-brand-500"
              aria-hidden="true"
            />
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <OrderStatusBadge status={t.to} />
              <span className="text-muted">
                {t.from ? `from ${ORDER_LABEL[t.from].toLowerCase()}` : 'placed'} · {who(t.actor_id)}
              </span>
            </div>
            <div className="mt-0.5 text-xs text-muted">{formatDateTime(t.at)}</div>
            {t.note && <p className="mt-1 text-sm">{t.note}</p>}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** Refunds go through the captured payment; the server enforces what is left (422 beyond it). */
function PaymentCard({ order }: { order: AdminOrder }) {
  const payments = useOrderPayments(order.id);
  const [refunding, setRefunding] = useState(false);
  const money = (c: number) => formatMoney(c, order.currency);
  const captured = payments.data?.find((p) => p.captured_cents > 0);
  const refundable = captured && ['completed', 'partially_refunded'].includes(captured.status);
  const left = captured ? refundableCents(captured) : 0;
  return (
    <Card
      title="Payment"
      actions={
        refundable &&
        left > 0 && (
          <Button size="sm" variant="outline" className="text-red-700" onClick={() => setRefunding(true)}>
            Refund…
          </Button>
        )
      }
    >
      <div className="text-sm">
        <div className="font-medium">{methodLabel(order.payment_method)}</div>
        {order.payment ? (
          <div className="mt-1 space-y-1 text-muted">
            <div className="flex flex-wrap items-center gap-2">
              {captured ? (
                <PaymentStatusBadge status={captured.status} />
              ) : (
                order.payment.status.replace(/_/g, ' ')
              )}
              <span className="tabular-nums">{money(order.payment.amount_cents)}</span>
              {order.payment.card && (
                <span>
                  <span className="capitalize">{order.payment.card.brand}</span> ••••{' '}
                  {order.payment.card.last4}
                </span>
              )}
            </div>
            {captured && (
              <div>
                Refundable now: <span className="font-medium text-ink tabular-nums">{money(left)}</span>
                {captured.refunded_cents > 0 && ` (${money(captured.refunded_cents)} refunded)`}
              </div>
            )}
            <Link
              to={`/admin/payments/${order.payment.id}`}
              className="font-mono text-xs text-brand-700 hover:underline"
            >
              {order.payment.reference}
            </Link>
          </div>
        ) : (
          <div className="mt-1 text-muted">No payment recorded.</div>
        )}
      </div>
      {captured && (
        <RefundDialog
          payment={captured}
          orderNumber={order.number}
          open={refunding}
          onClose={() => setRefunding(false)}
        />
      )}
    </Card>
  );
}

/** The newest fraud check: score, reasons, and the decision while the order waits on staff. */
function Risk({ order }: { order: AdminOrder }) {
  const { data } = useOrderRisk(order.id);
  const latest = data?.[0];
  if (!latest) return null;
  return (
    <Card
      title="Fraud check"
      actions={
        <span className="flex items-center gap-2">
          <RiskScore score={latest.score} />
          <RiskDecisionBadge decision={latest.decision} />
        </span>
      }
    >
      <RiskReasons reasons={latest.reasons} />
      {latest.review_note && (
        <p className="mt-2 text-xs text-muted">
          Note: <span className="text-ink">{latest.review_note}</span>
        </p>
      )}
      {latest.decision === 'review' && (
        <div className="mt-3 border-t border-line pt-3">
          <HoldDecision orderId={order.id} orderLabel={`order ${order.number}`} />
        </div>
      )}
      {data.length > 1 && (
        <p className="mt-2 text-xs text-muted">
          {data.length} payment attempts were scored; this is the latest.
        </p>
      )}
    </Card>
  );
}

export default function OrderDetail() {
  const { id = '' } = useParams();
  const { data: order, isPending, error, refetch } = useAdminOrder(id);
  const warehouses = useWarehouses();
  usePageTitle(order ? `Order ${order.number}` : 'Order');
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending) return <PageLoader />;
  const money = (c: number) => formatMoney(c, order.currency);
  const a = order.shipping_address;
  const store = warehouses.data?.find((w) => w.id === order.store_id);
  return (
    <>
      <PageHeader
        back={{ to: '/admin/orders', label: 'Orders' }}
        title={
          <span className="flex flex-wrap items-center gap-3">
            Order {order.number} <OrderStatusBadge status={order.status} />
          </span>
        }
        description={`Placed ${formatDateTime(order.created_at)} · ${store ? store.name : 'store'} · ETA ${order.eta_minutes} min`}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title={`Items (${order.items.reduce((n, i) => n + i.quantity, 0)})`} flush>
            <ul className="divide-y divide-line">
              {order.items.map((i) => (
                <li key={i.id} className="flex items-center gap-3 px-4 py-2.5">
                  <ProductImage
                    src={i.image_url}
                    alt=""
                    className="h-10 w-10 shrink-0 rounded border border-line bg-white"
                  />
                  <div className="min-w-0 flex-1">
                    <div className="line-clamp-1 text-sm font-medium">{i.name}</div>
                    <div className="text-xs text-muted">
                      {[i.variant_name !== 'Default' && i.variant_name, i.sku].filter(Boolean).join(' · ')}
                    </div>
                  </div>
                  <div className="text-sm text-muted tabular-nums">
                    {money(i.unit_price_cents)} × {i.quantity}
                  </div>
                  <div className="w-20 text-right text-sm font-medium tabular-nums">
                    {money(i.line_total_cents)}
                  </div>
                </li>
              ))}
            </ul>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-line px-4 py-3 text-sm">
              <dt className="text-muted">Subtotal</dt>
              <dd className="text-right tabular-nums">{money(order.totals.subtotal_cents)}</dd>
              {order.totals.discount_cents > 0 && (
                <>
                  <dt className="text-muted">Discount {order.coupon_code && `(${order.coupon_code})`}</dt>
                  <dd className="text-right tabular-nums">−{money(order.totals.discount_cents)}</dd>
                </>
              )}
              <dt className="text-muted">Tax</dt>
              <dd className="text-right tabular-nums">{money(order.totals.tax_cents)}</dd>
              <dt className="text-muted">Delivery</dt>
              <dd className="text-right tabular-nums">{money(order.totals.delivery_fee_cents)}</dd>
              <dt className="font-semibold">Total</dt>
              <dd className="text-right font-semibold tabular-nums">{money(order.totals.total_cents)}</dd>
              {order.refunded_cents > 0 && (
                <>
                  <dt className="text-muted">Refunded</dt>
                  <dd className="text-right tabular-nums">−{money(order.refunded_cents)}</dd>
                </>
              )}
            </dl>
          </Card>
          <Timeline order={order} />
          <Notes order={order} />
        </div>
        <div className="space-y-4">
          <Workflow order={order} />
          <Card title="Customer and delivery">
            <address className="text-sm not-italic">
              <div className="font-medium">{a.full_name}</div>
              {a.phone && <div className="text-muted">{a.phone}</div>}
              <div className="mt-1">
                {a.line1}
                {a.line2 && `, ${a.line2}`}
              </div>
              <div>
                {a.city} {a.postal_code} · {a.country}
              </div>
            </address>
            {order.note && <p className="mt-2 rounded-lg bg-gray-50 px-3 py-2 text-sm">“{order.note}”</p>}
          </Card>
          <Risk order={order} />
          <PaymentCard order={order} />
          <Fulfilment key={`${order.rider_id}:${order.tracking_number}`} order={order} />
        </div>
      </div>
    </>
  );
}
