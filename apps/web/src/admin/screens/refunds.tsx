import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { useToast } from '../../components/toast';
import { isApiError } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import { formatMoney, parseMoney } from '../../lib/money';
import { useAdminOrder } from '../api/orders';
import { useApproveRefund, useRefunds, useRejectRefund } from '../api/payments';
import { QueueItem, QueueList } from '../components/lists';
import { OrderStatusBadge, RefundStatusBadge } from '../components/status';
import { Card, Input, PageHeader, Segmented, TableEmpty, problemText, useUrlFilters } from '../components/ui';
import type { Refund, RefundStatus } from '../types';

const TABS: { value: RefundStatus | 'all'; label: string }[] = [
  { value: 'requested', label: 'Waiting' },
  { value: 'succeeded', label: 'Refunded' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'failed', label: 'Failed' },
  { value: 'all', label: 'All' },
];

function RefundItem({ refund }: { refund: Refund }) {
  const notify = useToast();
  const order = useAdminOrder(refund.order_id);
  const approve = useApproveRefund();
  const reject = useRejectRefund();
  const money = (c: number) => formatMoney(c, refund.currency);
  const [amount, setAmount] = useState((refund.amount_cents / 100).toFixed(2));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const cents = parseMoney(amount);
  const pay = order.data?.payment;
  const left = pay ? Math.max(0, pay.captured_cents - pay.refunded_cents) : undefined;
  const busy = approve.isPending || reject.isPending;
  const fail = (e: unknown) => {
    // 422: more than the payment has left (another refund went first), shown next to the amount.
    setProblem(isApiError(e, 422) ? `Refused: ${problemText(e)}` : problemText(e));
    notify(problemText(e), 'error');
  };
  const label = order.data ? `order ${order.data.number}` : 'this order';
  return (
    <QueueItem
      label={`Refund request for ${order.data ? `order ${order.data.number}` : refund.order_id}`}
      wide
      decision={
        refund.status === 'requested' && (
          <>
            {problem && (
              <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-xs text-red-800">
                {problem}
              </p>
            )}
            <div className="grid grid-cols-[7rem_1fr] gap-2">
              <Input
                label={`Amount to refund for ${label}`}
                hideLabel
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                error={cents === undefined || cents <= 0 ? 'Enter an amount' : undefined}
              />
              <Input
                label={`Note for ${label}`}
                hideLabel
                placeholder="Note (required to reject)"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={1000}
              />
            </div>
            <div className="flex gap-2">
              <Button
                size="sm"
                className="flex-1"
                loading={approve.isPending}
                disabled={busy || !cents}
                onClick={() => {
                  setProblem(null);
                  approve.mutate(
                    { id: refund.id, amount_cents: cents, note: note.trim() || undefined },
                    {
                      onSuccess: (r) => notify(`Refunded ${money(r.amount_cents)} for ${label}`, 'success'),
                      onError: fail,
                    },
                  );
                }}
              >
                Approve {cents ? money(cents) : ''}
              </Button>
              <Button
                size="sm"
                variant="outline"
                className="flex-1 text-red-700"
                loading={reject.isPending}
                disabled={busy || !note.trim()}
                onClick={() => {
                  setProblem(null);
                  reject.mutate(
                    { id: refund.id, note: note.trim() },
                    {
                      onSuccess: () => notify(`Refund request for ${label} rejected`, 'success'),
                      onError: fail,
                    },
                  );
                }}
              >
                Reject
              </Button>
            </div>
          </>
        )
      }
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-bold tabular-nums">{money(refund.amount_cents)}</span>
        <RefundStatusBadge status={refund.status} />
        {order.data && (
          <>
            <Link
              to={`/admin/orders/${refund.order_id}`}
              className="font-semibold text-brand-700 hover:underline"
            >
              Order {order.data.number}
            </Link>
            <OrderStatusBadge status={order.data.status} />
          </>
        )}
      </div>
      <p className="mt-1 text-sm whitespace-pre-wrap text-gray-800">“{refund.reason}”</p>
      <p className="mt-1.5 text-xs text-muted">
        {refund.requested_by === refund.user_id ? 'Asked by the customer' : 'By staff'} ·{' '}
        {formatDateTime(refund.created_at)}
        {refund.items.length > 0 &&
          ` · returns ${plural(
            refund.items.reduce((n, i) => n + i.quantity, 0),
            'item',
          )}`}
        {order.data && ` · ${order.data.shipping_address.full_name}`}
        {left !== undefined && ` · ${money(left)} still refundable`}
      </p>
      {refund.review_note && (
        <p className="mt-1.5 text-xs text-muted">
          Note: <span className="text-ink">{refund.review_note}</span>
        </p>
      )}
      {refund.provider_refund_id && (
        <p className="mt-1 font-mono text-[11px] text-muted">{refund.provider_refund_id}</p>
      )}
    </QueueItem>
  );
}

export default function Refunds() {
  usePageTitle('Refunds');
  const { values, page, set, setPage } = useUrlFilters(['status'] as const);
  const status = (TABS.some((t) => t.value === values.status) ? values.status : 'requested') as
    RefundStatus | 'all';
  const refunds = useRefunds({
    status: status === 'all' ? undefined : status,
    page,
  });
  return (
    <>
      <PageHeader
        title="Refunds"
        description="Customers' refund requests wait here. Approving sends the money back through the provider that took it."
      />
      <Card flush>
        <Segmented
          label="Refund status"
          value={status}
          onChange={(s) => set({ status: s === 'requested' ? '' : s })}
          options={TABS}
        />
        <QueueList
          query={refunds}
          page={page}
          onPage={setPage}
          noun="refund"
          empty={
            <TableEmpty title={status === 'requested' ? 'No refund requests waiting' : 'No refunds here'}>
              {status === 'requested'
                ? 'When a customer asks for money back on an order, the request shows up here.'
                : undefined}
            </TableEmpty>
          }
          item={(r) => <RefundItem key={r.id} refund={r} />}
        />
      </Card>
    </>
  );
}
