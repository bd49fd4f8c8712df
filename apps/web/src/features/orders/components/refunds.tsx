import { useState } from 'react';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { TextField } from '../../../components/field';
import { RadioCard } from '../../../components/radio-card';
import { InlineError, errorMessage } from '../../../components/states';
import { cn, formatDateTime } from '../../../lib/format';
import { formatMoney, parseMoney } from '../../../lib/money';
import { useRefunds, useRequestRefund, type Refund } from '../api/refunds';
import type { Order, OrderStatus } from '../types';

/** The order statuses the server takes a refund request for (payments REFUNDABLE_ORDER). */
const REFUNDABLE: OrderStatus[] = [
  'confirmed',
  'packed',
  'out_for_delivery',
  'delivered',
  'partially_refunded',
];

/** What is still refundable on the order's captured payment (0: nothing to ask for). */
export const refundableCents = (order: Order) => {
  const p = order.payment;
  if (!p || !REFUNDABLE.includes(order.status)) return 0;
  if (p.status !== 'completed' && p.status !== 'partially_refunded') return 0;
  return Math.max(p.captured_cents - p.refunded_cents, 0);
};

const STATE: Record<Refund['status'], { label: string; tone: string }> = {
  requested: { label: 'Pending review', tone: 'bg-amber-50 text-amber-800' },
  succeeded: { label: 'Approved', tone: 'bg-brand-50 text-brand-800' },
  rejected: { label: 'Rejected', tone: 'bg-red-50 text-red-700' },
  failed: { label: 'Failed', tone: 'bg-red-50 text-red-700' },
};

function RefundRow({ r }: { r: Refund }) {
  const s = STATE[r.status];
  return (
    <li className="py-3 text-sm" data-testid="refund" data-state={r.status}>
      <div className="flex items-start justify-between gap-3">
        <span>
          <span className="font-bold">{formatMoney(r.amount_cents, r.currency)}</span>
          <span className="text-muted"> · asked {formatDateTime(r.created_at)}</span>
        </span>
        <span className={cn('rounded-full px-2.5 py-0.5 text-xs font-bold whitespace-nowrap', s.tone)}>
          {s.label}
        </span>
      </div>
      <p className="mt-1 text-muted">“{r.reason}”</p>
      {r.status === 'requested' && (
        <p className="mt-1 text-xs text-muted">Our team reviews requests within a day; we’ll email you.</p>
      )}
      {r.status === 'succeeded' && (
        <p className="mt-1 text-xs text-brand-800">Refunded to your original payment method.</p>
      )}
      {r.review_note && r.status !== 'requested' && (
        <p className="mt-1 text-xs">Note from us: {r.review_note}</p>
      )}
    </li>
  );
}

function RefundDialog({
  order,
  max,
  open,
  onClose,
}: {
  order: Order;
  max: number;
  open: boolean;
  onClose: () => void;
}) {
  const request = useRequestRefund(order.id);
  const [reason, setReason] = useState('');
  const [partial, setPartial] = useState(false);
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; amount?: string }>({});
  const submit = () => {
    const next: typeof errors = {};
    if (!reason.trim()) next.reason = 'Tell us what went wrong';
    let cents: number | undefined;
    if (partial) {
      cents = parseMoney(amount);
      if (!cents) next.amount = 'Enter an amount';
      else if (cents > max) next.amount = `At most ${formatMoney(max, order.currency)}`;
    }
    setErrors(next);
    if (Object.keys(next).length) return;
    request.mutate({ reason: reason.trim(), amount_cents: cents }, { onSuccess: onClose });
  };
  return (
    <Dialog open={open} onClose={onClose} title="Request a refund">
      <form
        className="space-y-4 p-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div>
          <label htmlFor="refund-reason" className="mb-1 block text-sm font-medium">
            What went wrong?
          </label>
          <textarea
            id="refund-reason"
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. The milk was past its date"
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? 'refund-reason-error' : undefined}
            className={cn(
              'block w-full rounded-xl border p-3 text-[15px] outline-none focus:border-brand-600',
              errors.reason ? 'border-red-500' : 'border-line',
            )}
          />
          {errors.reason && (
            <p id="refund-reason-error" className="mt-1 text-xs font-medium text-red-600">
              {errors.reason}
            </p>
          )}
        </div>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium">How much?</legend>
          {[
            { value: false, label: `Everything left — ${formatMoney(max, order.currency)}` },
            { value: true, label: 'Part of it' },
          ].map((o) => (
            <RadioCard
              key={String(o.value)}
              name="refund-amount"
              checked={partial === o.value}
              onChange={() => setPartial(o.value)}
              className="text-sm font-semibold"
            >
              {o.label}
            </RadioCard>
          ))}
          {partial && (
            <TextField
              label={`Amount (up to ${formatMoney(max, order.currency)})`}
              inputMode="decimal"
              placeholder="4.50"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={errors.amount}
            />
          )}
        </fieldset>
        {request.error && <InlineError>{errorMessage(request.error)}</InlineError>}
        <div className="flex gap-2">
          <Button type="submit" loading={request.isPending}>
            Send request
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Never mind
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Refunds on a paid order: what was asked and where each stands, and a way to ask. Staff review
 * requests; one can be open at a time.
 */
export function RefundSection({ order }: { order: Order }) {
  const max = refundableCents(order);
  const paid = !!order.payment && order.payment.captured_cents > 0;
  const refunds = useRefunds(order.id, paid);
  const [asking, setAsking] = useState(false);
  const list = refunds.data ?? [];
  const open = list.some((r) => r.status === 'requested');
  if (!paid || (!list.length && !max)) return null;
  return (
    <section className="rounded-2xl border border-line bg-white p-4 md:p-5" aria-labelledby="refunds-h">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="refunds-h" className="font-extrabold">
            Refunds
          </h2>
          {!list.length && (
            <p className="text-sm text-muted">Something missing or not right? Ask for your money back.</p>
          )}
        </div>
        {max > 0 && !open && (
          <Button variant="outline" size="sm" onClick={() => setAsking(true)}>
            Request a refund
          </Button>
        )}
      </div>
      {refunds.error && <InlineError>{errorMessage(refunds.error)}</InlineError>}
      {list.length > 0 && (
        <ul className="mt-2 divide-y divide-line" aria-label="Refund requests">
          {list.map((r) => (
            <RefundRow key={r.id} r={r} />
          ))}
        </ul>
      )}
      <RefundDialog order={order} max={max} open={asking} onClose={() => setAsking(false)} />
    </section>
  );
}
