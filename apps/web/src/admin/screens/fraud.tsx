import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { ErrorState, Skeleton } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useAdminOrder } from '../api/orders';
import { useRiskQueue } from '../api/payments';
import { HoldDecision } from '../components/hold-decision';
import { RiskReasons } from '../components/risk-reasons';
import { OrderStatusBadge, RiskScore } from '../components/status';
import { Card, PageHeader, Pager, TableEmpty, useUrlFilters } from '../components/ui';
import type { RiskCheck } from '../types';

function HeldOrder({ check }: { check: RiskCheck }) {
  const order = useAdminOrder(check.order_id);
  const o = order.data;
  const label = o ? `order ${o.number}` : 'this order';
  return (
    <li
      className="border-b border-line px-4 py-4 last:border-0"
      aria-label={`Held ${o ? `order ${o.number}` : check.order_id}`}
    >
      <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0 flex-1">
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
        </div>
        <div className="w-full shrink-0 md:w-72">
          <HoldDecision orderId={check.order_id} orderLabel={label} />
        </div>
      </div>
    </li>
  );
}

export default function FraudHolds() {
  usePageTitle('Fraud holds');
  const { page, set } = useUrlFilters([] as const);
  const { data, isPending, error, refetch } = useRiskQueue(page);
  return (
    <>
      <PageHeader
        title="Fraud holds"
        description="Orders whose payment scored at or above the review threshold, highest score first. Stock stays reserved until you decide."
      />
      <Card flush>
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="space-y-3 p-4">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-20 w-full" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
          <TableEmpty title="No orders on hold">
            Orders the fraud rules flag wait here; approving captures the payment and confirms the order.
          </TableEmpty>
        ) : (
          <ul>
            {data.items.map((c) => (
              <HeldOrder key={c.id} check={c} />
            ))}
          </ul>
        )}
        {data && data.total > 0 && (
          <Pager
            page={page}
            totalPages={data.total_pages}
            total={data.total}
            onPage={(p) => set({ page: p })}
            noun="held order"
          />
        )}
      </Card>
    </>
  );
}
