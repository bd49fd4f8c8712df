import { useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { useToast } from '../../components/toast';
import { isApiError } from '../../lib/api';
import { formatMoney, parseMoney } from '../../lib/money';
import { refundableCents, useRefundPayment } from '../api/payments';
import type { Payment } from '../types';
import { Input, Textarea, problemText } from './ui';

/** The server's refusal in words; its over-the-limit message counts cents, shown here as money. */
function refusal422(err: unknown, currency: string): string | null {
  if (!err) return null;
  if (isApiError(err, 422) && err.code === 'REFUND_EXCEEDS_CAPTURED') {
    const cents = Number(/At most (\d+)/.exec(err.message)?.[1]);
    return Number.isFinite(cents)
      ? `Not refunded: only ${formatMoney(cents, currency)} is still refundable on this payment (another refund may have just gone through).`
      : `Not refunded: ${err.message}`;
  }
  return problemText(err);
}

/**
 * Staff refund a captured payment in full or in part. The form offers what is still refundable,
 * but the server has the last word: a refund racing another one gets its 422, shown here in words.
 */
export function RefundDialog({
  payment,
  orderNumber,
  open,
  onClose,
}: {
  payment: Payment;
  orderNumber?: string;
  open: boolean;
  onClose: () => void;
}) {
  const notify = useToast();
  const refund = useRefundPayment();
  const left = refundableCents(payment);
  const money = (c: number) => formatMoney(c, payment.currency);
  const [full, setFull] = useState(true);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const cents = full ? left : parseMoney(amount);
  const tooMuch = cents !== undefined && cents > left;
  const amountError =
    !full && amount && (cents === undefined || cents <= 0)
      ? 'Enter an amount such as 4.50'
      : tooMuch
        ? `At most ${money(left)} can be refunded`
        : undefined;
  const close = () => {
    refund.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!cents || tooMuch) return;
    refund.mutate(
      // A full refund sends no amount: the server refunds whatever is left at that moment.
      { paymentId: payment.id, amount_cents: full ? undefined : cents, reason: reason.trim() },
      {
        onSuccess: ({ refund: r }) => {
          notify(`Refunded ${money(r.amount_cents)}; the customer is emailed`, 'success');
          setAmount('');
          setReason('');
          close();
        },
      },
    );
  };
  const refusal = refusal422(refund.error, payment.currency);
  return (
    <Dialog
      open={open}
      onClose={close}
      title={orderNumber ? `Refund order ${orderNumber}` : 'Refund payment'}
    >
      <form className="grid gap-3 p-5" onSubmit={submit}>
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 rounded-lg bg-gray-50 px-3 py-2 text-sm">
          <dt className="text-muted">Captured</dt>
          <dd className="text-right tabular-nums">{money(payment.captured_cents)}</dd>
          <dt className="text-muted">Already refunded</dt>
          <dd className="text-right tabular-nums">{money(payment.refunded_cents)}</dd>
          <dt className="font-semibold">Refundable now</dt>
          <dd className="text-right font-semibold tabular-nums" data-testid="refundable">
            {money(left)}
          </dd>
        </dl>
        {refusal && (
          <p
            role="alert"
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {refusal}
          </p>
        )}
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-xs font-semibold text-gray-700">Amount</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="refund-kind"
              className="accent-brand-600"
              checked={full}
              onChange={() => setFull(true)}
            />
            Full refund ({money(left)})
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="refund-kind"
              className="accent-brand-600"
              checked={!full}
              onChange={() => setFull(false)}
            />
            Partial refund
          </label>
          {!full && (
            <Input
              label={`Amount to refund (${payment.currency})`}
              inputMode="decimal"
              autoFocus
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              placeholder={(left / 100).toFixed(2)}
              error={amountError || undefined}
            />
          )}
        </fieldset>
        <Textarea
          label="Reason"
          required
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Damaged item, missing item, goodwill…"
          hint="Kept on the refund record."
        />
        <div className="flex justify-end gap-2">
          <Button variant="outline" size="sm" onClick={close}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            size="sm"
            loading={refund.isPending}
            disabled={!reason.trim() || !cents || tooMuch}
          >
            Refund {cents && !tooMuch ? money(cents) : ''}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
