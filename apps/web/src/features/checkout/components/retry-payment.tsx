import { useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/button';
import { InlineError, Skeleton, errorMessage } from '../../../components/states';
import { isApiError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { usePaymentMethods } from '../api/payment-methods';
import { useConfirmPayment } from '../api/place-order';
import { useRetryPayment } from '../api/retry-payment';
import { PaymentChoice, usePaymentChoice } from './payment-choice';

/** What paying again needs to know of the order (the orders feature owns the full type). */
export type PayableOrder = {
  id: string;
  currency: string;
  totals: { total_cents: number };
  payment_due_at: string | null;
  payment: {
    id: string;
    status: string;
    card: { brand: string; last4: string } | null;
    next_action: { type: string; message: string } | null;
    failure_message: string | null;
  } | null;
};

/**
 * Pay for an order still waiting for payment: confirm the attempt the bank is holding, or pay
 * again with a card (sandbox test cards listed in test mode) or cash on delivery.
 */
export function RetryPayment({ order }: { order: PayableOrder }) {
  const queryClient = useQueryClient();
  const methods = usePaymentMethods();
  const retry = useRetryPayment(order.id);
  const confirm = useConfirmPayment();
  // Payment methods that work here without a provider's own widget (Stripe.js, PayPal approval).
  const payment = usePaymentChoice((methods.data ?? []).filter((m) => m.requires_card || m.id === 'cod'));
  const { chosen } = payment;
  const p = order.payment;
  const waiting =
    p?.next_action?.type === 'authenticate' && (p.status === 'pending' || p.status === 'processing');
  const processing = p?.status === 'processing' && !p.next_action;

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['orders', order.id], exact: true });
  const pay = () => {
    if (!chosen || retry.isPending) return;
    const card = payment.cardInput();
    if (card !== false) retry.mutate({ payment_method: chosen.id, card });
  };
  const err = retry.error;
  const total = formatMoney(order.totals.total_cents, order.currency);

  return (
    <section
      aria-labelledby="retry-h"
      className="rounded-2xl border-2 border-amber-300 bg-white p-4 md:p-5"
      data-testid="retry-payment"
    >
      <h2 id="retry-h" className="text-lg font-extrabold">
        Complete your payment
      </h2>
      <p className="mt-1 text-sm text-muted">
        We’re holding your items
        {order.payment_due_at ? ` until ${formatDateTime(order.payment_due_at)}` : ''}. Pay {total} to send
        the order to the store.
      </p>
      {p?.failure_message && p.status === 'failed' && (
        <p className="mt-3 rounded-xl bg-red-50 p-3 text-sm text-red-700">
          The last attempt{p.card ? ` with ${p.card.brand.toUpperCase()} •••• ${p.card.last4}` : ''} failed:{' '}
          {p.failure_message}.
        </p>
      )}
      {processing ? (
        <div className="mt-3 space-y-2 rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
          <p>Your bank is still processing the payment. This page updates when it’s through.</p>
          <Button variant="outline" size="sm" onClick={() => void refresh()}>
            Check again
          </Button>
        </div>
      ) : (
        <>
          {waiting && p && (
            <div className="mt-3 space-y-3 rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
              <p>
                {p.next_action!.message}
                {p.card ? ` (${p.card.brand.toUpperCase()} •••• ${p.card.last4})` : ''}.
              </p>
              {confirm.error && <InlineError>{errorMessage(confirm.error)}</InlineError>}
              <Button
                loading={confirm.isPending}
                onClick={() => confirm.mutate(p.id, { onSettled: () => void refresh() })}
              >
                Confirm payment
              </Button>
              <p className="text-xs">Or pay another way below.</p>
            </div>
          )}
          <div className="mt-4 space-y-3">
            {methods.isPending ? (
              <Skeleton className="h-14 w-full" />
            ) : methods.error ? (
              <InlineError>{errorMessage(methods.error)}</InlineError>
            ) : (
              <PaymentChoice label="Pay with" name="retry-payment" choice={payment} />
            )}
            {err && (
              <InlineError>
                {isApiError(err, 402)
                  ? `Payment declined: ${err.message}. Try another card — nothing was charged.`
                  : isApiError(err, 409)
                    ? `${err.message}.`
                    : errorMessage(err)}
              </InlineError>
            )}
            {retry.data?.next_action && !waiting && (
              <p className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
                {retry.data.next_action.message}.
              </p>
            )}
            <Button
              size="lg"
              className="w-full sm:w-auto"
              loading={retry.isPending}
              disabled={!chosen}
              onClick={pay}
            >
              {chosen?.requires_card ? `Pay ${total}` : `Confirm · pay ${total} on delivery`}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
