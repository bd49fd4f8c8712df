import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Skeleton } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useAdminOrder } from '../api/orders';
import { useRiskQueue } from '../api/payments';
import { HoldDecision } from '../components/hold-decision';
import { QueueItem, QueueList } from '../components/lists';
import { RiskReasons } from '../components/risk-reasons';
import { OrderStatusBadge, RiskScore } from '../components/status';
import { Card, PageHeader, TableEmpty, useUrlFilters } from '../components/ui';
import type { RiskCheck } from '../types';

function HeldOrder({ check }: { check: RiskCheck }) {
  const order = useAdminOrder(check.order_id);
  const o = order.data;
  const label = o ? `order ${o.number}` : 'this order';
  return (
    <QueueItem
      label={`Held ${o ? `order ${o.number}` : check.order_id}`}
      decision={<HoldDecision orderId={check.order_id} orderLabel={label} />}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold text-muted uppercase">Score</span>
        <RiskScore score={check.score} />
        {o ? (
          <>
            <Link
              to={`/admin/orders/${check.order_id}`}
              className="font-semibold text-brand-700 hover:underline"
            >
              Order {o.number}
            </Link>
            <OrderStatusBadge status={o.status} />
          </>
        ) : (
          <Skeleton className="h-5 w-32" />
        )}
        <span className="font-semibold tabular-nums">{formatMoney(check.amount_cents, o?.currency)}</span>
      </div>
      <RiskReasons reasons={check.reasons} className="mt-2" />
      <p className="mt-1.5 text-xs text-muted">
        {o && `${o.shipping_address.full_name} · ${o.shipping_address.city} · `}
        {check.ip && `IP ${check.ip} · `}
        held {formatDateTime(check.created_at)}
      </p>
    </QueueItem>
  );
}

export default function FraudHolds() {
  usePageTitle('Fraud holds');
  const { page, setPage } = useUrlFilters([] as const);
  const holds = useRiskQueue(page);
  return (
    <>
      <PageHeader
        title="Fraud holds"
        description="Orders whose payment scored at or above the review threshold, highest score first. Stock stays reserved until you decide."
      />
      <Card flush>
        <QueueList
          query={holds}
          page={page}
          onPage={setPage}
          noun="held order"
          empty={
            <TableEmpty title="No orders on hold">
              Orders the fraud rules flag wait here; approving captures the payment and confirms the order.
            </TableEmpty>
          }
          item={(c) => <HeldOrder key={c.id} check={c} />}
        />
      </Card>
    </>
  );
}
