import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { ErrorState, PageLoader } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useAdminOrder } from '../api/orders';
import { methodLabel, refundableCents, usePayment, useRefunds } from '../api/payments';
import { RefundDialog } from '../components/refund-dialog';
import { OrderStatusBadge, PaymentStatusBadge, RefundStatusBadge } from '../components/status';
import { Card, DataTable, PageHeader, TableEmpty, td, th } from '../components/ui';

const REFUNDABLE = ['completed', 'partially_refunded'];

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 text-right break-words sm:text-left">{children}</dd>
    </>
  );
}

export default function PaymentDetail() {
  const { id = '' } = useParams();
  const { data: p, isPending, error, refetch } = usePayment(id);
  const order = useAdminOrder(p?.order_id ?? '');
  const refunds = useRefunds({ order_id: p?.order_id, page: 1, per_page: 100 }, !!p);
  const [refunding, setRefunding] = useState(false);
  usePageTitle(p ? `Payment ${p.reference}` : 'Payment');
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending) return <PageLoader />;
  const money = (c: number) => formatMoney(c, p.currency);
  const mine = refunds.data?.items.filter((r) => r.payment_id === p.id);
  const canRefund = REFUNDABLE.includes(p.status) && refundableCents(p) > 0;
  return (
    <>
      <PageHeader
        back={{ to: '/admin/payments', label: 'Payments' }}
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-lg md:text-xl">{p.reference}</span>
            <PaymentStatusBadge status={p.status} />
          </span>
        }
        description={`${money(p.amount_cents)} · ${methodLabel(p.method)} · ${formatDateTime(p.created_at)}`}
        actions={
          canRefund && (
            <Button size="sm" variant="outline" className="text-red-700" onClick={() => setRefunding(true)}>
              Refund…
            </Button>
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Payment">
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              <Row label="Amount">
                <span className="font-semibold tabular-nums">{money(p.amount_cents)}</span>
              </Row>
              <Row label="Captured">
                <span className="tabular-nums">{money(p.captured_cents)}</span>
              </Row>
              <Row label="Refunded">
                <span className="tabular-nums">{money(p.refunded_cents)}</span>
                {p.captured_cents > 0 && (
                  <span className="text-muted"> · {money(refundableCents(p))} still refundable</span>
                )}
              </Row>
              <Row label="Method">{methodLabel(p.method)}</Row>
              {p.card && (
                <Row label="Card">
                  <span className="capitalize">{p.card.brand}</span> •••• {p.card.last4}
                  {p.card.exp_month && p.card.exp_year && (
                    <span className="text-muted">
                      {' '}
                      · expires {String(p.card.exp_month).padStart(2, '0')}/{p.card.exp_year}
                    </span>
                  )}
                </Row>
              )}
              {p.failure_code && (
                <Row label="Failure">
                  <span className="text-red-700">
                    {p.failure_message ?? p.failure_code} <code className="text-xs">({p.failure_code})</code>
                  </span>
                </Row>
              )}
              {p.next_action && <Row label="Waiting on">{p.next_action.message}</Row>}
              {p.disputed_at && (
                <Row label="Disputed">
                  <span className="text-red-700">{formatDateTime(p.disputed_at)}</span>
                </Row>
              )}
              <Row label="Completed">{p.completed_at ? formatDateTime(p.completed_at) : '—'}</Row>
              <Row label="Last change">{formatDateTime(p.updated_at)}</Row>
            </dl>
          </Card>
          <Card title="Refunds" flush>
            <DataTable
              label="Refunds of this payment"
              columns={4}
              loading={refunds.isPending}
              error={refunds.error}
              onRetry={() => void refunds.refetch()}
              isEmpty={mine?.length === 0}
              empty={<TableEmpty title="No refunds on this payment" />}
              maxHeight="max-h-96"
              head={
                <tr>
                  <th className={th}>Requested</th>
                  <th className={th}>Status</th>
                  <th className={`${th} hidden md:table-cell`}>Reason</th>
                  <th className={`${th} text-right`}>Amount</th>
                </tr>
              }
            >
              {mine?.map((r) => (
                <tr key={r.id}>
                  <td className={`${td} whitespace-nowrap text-muted`}>
                    {formatDateTime(r.created_at)}
                    {r.provider_refund_id && (
                      <div className="font-mono text-[11px]" title="Provider refund id">
                        {r.provider_refund_id}
                      </div>
                    )}
                  </td>
                  <td className={td}>
                    <RefundStatusBadge status={r.status} />
                  </td>
                  <td className={`${td} hidden max-w-72 md:table-cell`}>
                    <div className="line-clamp-2">{r.reason}</div>
                    {r.review_note && <div className="text-xs text-muted">Note: {r.review_note}</div>}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{money(r.amount_cents)}</td>
                </tr>
              ))}
            </DataTable>
          </Card>
        </div>
        <div className="space-y-4">
          <Card title="Order">
            {order.data ? (
              <div className="text-sm">
                <Link
                  to={`/admin/orders/${p.order_id}`}
                  className="font-semibold text-brand-700 hover:underline"
                >
                  Order {order.data.number}
                </Link>
                <div className="mt-1 flex items-center gap-2">
                  <OrderStatusBadge status={order.data.status} />
                  <span className="text-muted tabular-nums">
                    {formatMoney(order.data.totals.total_cents, order.data.currency)}
                  </span>
                </div>
                <div className="mt-1 text-muted">{order.data.shipping_address.full_name}</div>
              </div>
            ) : (
              <Link to={`/admin/orders/${p.order_id}`} className="text-sm text-brand-700 hover:underline">
                Open the order
              </Link>
            )}
          </Card>
          <Card title="Identifiers">
            <dl className="grid gap-2 text-sm">
              <div>
                <dt className="text-xs text-muted">Reference (sent to the provider)</dt>
                <dd className="font-mono text-xs break-all">{p.reference}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted">Payment id</dt>
                <dd className="font-mono text-xs break-all">{p.id}</dd>
              </div>
              {mine
                ?.filter((r) => r.provider_refund_id)
                .map((r) => (
                  <div key={r.id}>
                    <dt className="text-xs text-muted">Provider refund id ({money(r.amount_cents)})</dt>
                    <dd className="font-mono text-xs break-all">{r.provider_refund_id}</dd>
                  </div>
                ))}
            </dl>
          </Card>
        </div>
      </div>
      <RefundDialog
        payment={p}
        orderNumber={order.data?.number}
        open={refunding}
        onClose={() => setRefunding(false)}
      />
    </>
  );
}
