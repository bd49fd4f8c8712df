import { Link } from 'react-router';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { usePageTitle } from '../../app/components/page-title';
import { ErrorState, Skeleton } from '../../components/states';
import { usePaymentMethods } from '../../features/checkout/api/payment-methods';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { methodLabel, useAdminPayments, usePaymentAnalytics } from '../api/payments';
import { DateRange, FilterSelect } from '../components/filters';
import { LinkRow, PagedTable, QueryTable } from '../components/lists';
import { PAYMENT_LABEL, PaymentStatusBadge } from '../components/status';
import {
  Card,
  FilterBar,
  PageHeader,
  Segmented,
  StatCard,
  TableEmpty,
  dayBound,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import { PAYMENT_STATUSES, type PaymentAnalytics, type PaymentStatus } from '../types';

const TABS = [
  { value: 'list', label: 'Payments' },
  { value: 'analytics', label: 'Analytics' },
] as const;

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function PaymentList() {
  const { values, page, set, bind, setPage } = useUrlFilters(['status', 'method', 'from', 'to'] as const);
  const methods = usePaymentMethods();
  const payments = useAdminPayments({
    status: (values.status || undefined) as PaymentStatus | undefined,
    method: values.method || undefined,
    from: dayBound(values.from, false),
    to: dayBound(values.to, true),
    page,
  });
  const filtered = values.status || values.method || values.from || values.to;
  return (
    <>
      <FilterBar>
        <FilterSelect
          label="Status"
          all="Any status"
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: PAYMENT_LABEL[s] }))}
          {...bind('status')}
          className="w-[calc(50%-0.25rem)] sm:w-44"
        />
        <FilterSelect
          label="Method"
          all="Any method"
          options={methods.data?.map((m) => ({ value: m.id, label: m.name }))}
          {...bind('method')}
          className="w-[calc(50%-0.25rem)] sm:w-48"
        />
        <DateRange from={values.from} to={values.to} onChange={set} />
      </FilterBar>
      <PagedTable
        label="Payments"
        columns={5}
        query={payments}
        page={page}
        onPage={setPage}
        noun="payment"
        empty={
          <TableEmpty title="No payments found">
            {filtered ? 'Try other filters.' : 'Payments appear here as shoppers pay for orders.'}
          </TableEmpty>
        }
        head={
          <tr>
            <th className={th}>Payment</th>
            <th className={`${th} hidden sm:table-cell`}>Created</th>
            <th className={`${th} hidden sm:table-cell`}>Status</th>
            <th className={`${th} hidden md:table-cell`}>Method</th>
            <th className={`${th} text-right`}>Amount</th>
          </tr>
        }
        row={(p) => (
          <LinkRow key={p.id} to={`/admin/payments/${p.id}`} dim={payments.isFetching}>
            <td className={td}>
              <Link
                to={`/admin/payments/${p.id}`}
                className="font-mono text-xs font-semibold whitespace-nowrap text-brand-700 hover:underline"
              >
                {p.reference}
              </Link>
              {/* Phones: status and date under the reference, so the amount keeps its column. */}
              <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted sm:hidden">
                <PaymentStatusBadge status={p.status} />
                {formatDateTime(p.created_at)}
              </div>
              {p.failure_message && (
                <div className="line-clamp-1 text-xs text-red-700">{p.failure_message}</div>
              )}
            </td>
            <td className={`${td} hidden whitespace-nowrap text-muted sm:table-cell`}>
              {formatDateTime(p.created_at)}
            </td>
            <td className={`${td} hidden sm:table-cell`}>
              <PaymentStatusBadge status={p.status} />
            </td>
            <td className={`${td} hidden text-muted md:table-cell`}>
              {methodLabel(p.method)}
              {p.card && (
                <span className="ml-1 whitespace-nowrap">
                  · <span className="capitalize">{p.card.brand}</span> •••• {p.card.last4}
                </span>
              )}
            </td>
            <td className={`${td} text-right font-medium whitespace-nowrap tabular-nums`}>
              {formatMoney(p.amount_cents, p.currency)}
              {p.refunded_cents > 0 && (
                <div className="text-xs font-normal text-muted">
                  −{formatMoney(p.refunded_cents, p.currency)} refunded
                </div>
              )}
            </td>
          </LinkRow>
        )}
      />
    </>
  );
}

const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const dayInput = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function RevenueChart({ daily }: { daily: PaymentAnalytics['daily'] }) {
  const points = daily.map((d) => ({
    label: shortDay.format(new Date(`${d.day.slice(0, 10)}T12:00:00`)),
    revenue: d.revenue_cents / 100,
    refunds: -d.refunds_cents / 100,
    net: d.net_cents / 100,
    payments: d.payments,
  }));
  const revenue = daily.reduce((n, d) => n + d.revenue_cents, 0);
  const refunds = daily.reduce((n, d) => n + d.refunds_cents, 0);
  const empty = daily.every((d) => d.revenue_cents === 0 && d.refunds_cents === 0);
  return (
    <div
      className="relative h-72"
      role="img"
      aria-label={`Revenue over ${daily.length} days: ${formatMoney(revenue)} captured, ${formatMoney(refunds)} refunded.`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} stackOffset="sign">
          <CartesianGrid stroke="#eceef0" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: '#666c75' }}
            tickLine={false}
            axisLine={false}
            minTickGap={16}
          />
          <YAxis
            tick={{ fontSize: 11, fill: '#666c75' }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) =>
              `${v < 0 ? '−' : ''}$${Math.abs(v) >= 1000 ? `${Math.round(Math.abs(v) / 100) / 10}k` : Math.abs(v)}`
            }
          />
          <Tooltip
            cursor={{ fill: '#f1f5f3' }}
            formatter={(value, name) => [formatMoney(Math.round(Math.abs(Number(value)) * 100)), name]}
            labelFormatter={(label, payload) => {
              const n = (payload?.[0]?.payload as { payments?: number } | undefined)?.payments ?? 0;
              return `${String(label)} · ${n} ${n === 1 ? 'payment' : 'payments'}`;
            }}
            contentStyle={{ borderRadius: 8, border: '1px solid #e8e8e8', fontSize: 12 }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {/* No draw-in animation: a half-drawn net line reads as missing data. */}
          <Bar
            dataKey="revenue"
            name="Captured"
            stackId="money"
            fill="#16a34a"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="refunds"
            name="Refunded"
            stackId="money"
            fill="#f59e0b"
            radius={[0, 0, 3, 3]}
            isAnimationActive={false}
          />
          <Line
            dataKey="net"
            name="Net"
            type="monotone"
            stroke="#1f2937"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      {empty && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-muted">
          No money moved in this period.
        </p>
      )}
    </div>
  );
}

function Analytics() {
  const { values, set } = useUrlFilters(['from', 'to'] as const);
  // The last 30 days by default, as whole local days; `to` is exclusive on the server.
  const today = new Date();
  const from = values.from || dayInput(new Date(today.getTime() - 29 * 86_400_000));
  const to = values.to || dayInput(today);
  const badRange = from > to;
  const range = {
    from: dayBound(from, false)!,
    to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(),
  };
  const analytics = usePaymentAnalytics(range);
  const { data, isPending, isFetching, error, refetch } = analytics;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 p-4">
      <div className="flex flex-wrap items-end gap-2">
        <DateRange from={from} to={to} onChange={set} />
        {isFetching && !isPending && <span className="pb-2 text-xs text-muted">Updating…</span>}
      </div>
      {badRange ? (
        <p role="alert" className="text-sm text-red-700">
          The start date must be on or before the end date.
        </p>
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard
              label="Volume"
              loading={isPending}
              value={data ? formatMoney(data.volume_cents) : '—'}
              hint={data && `${data.payments.toLocaleString()} payment attempts`}
            />
            <StatCard
              label="Success rate"
              loading={isPending}
              value={data ? percent(data.success_rate) : '—'}
              tone={data?.success_rate != null && data.success_rate < 0.8 ? 'warn' : undefined}
            />
            <StatCard
              label="Refunded"
              loading={isPending}
              value={data ? formatMoney(data.refunds.amount_cents) : '—'}
              hint={data && `${data.refunds.count} ${data.refunds.count === 1 ? 'refund' : 'refunds'}`}
            />
            <StatCard
              label="Refund requests"
              loading={isPending}
              value={data?.refunds.pending_requests ?? '—'}
              hint="waiting for staff"
              to="/admin/refunds"
              tone={data?.refunds.pending_requests ? 'warn' : undefined}
            />
          </div>
          <Card title="Revenue by day">
            {isPending ? <Skeleton className="h-72 w-full" /> : <RevenueChart daily={data.daily} />}
          </Card>
          <Card title="By method" flush>
            <QueryTable
              label="Payments by method"
              columns={5}
              query={analytics}
              rows={data?.by_method}
              empty={<TableEmpty title="No payment attempts in this period" />}
              maxHeight="max-h-96"
              head={
                <tr>
                  <th className={th}>Method</th>
                  <th className={`${th} text-right`}>Attempts</th>
                  <th className={`${th} hidden text-right sm:table-cell`}>Failed</th>
                  <th className={th}>Success rate</th>
                  <th className={`${th} text-right`}>Volume</th>
                </tr>
              }
              row={(m) => (
                <tr key={m.method}>
                  <td className={`${td} font-medium`}>{methodLabel(m.method)}</td>
                  <td className={`${td} text-right tabular-nums`}>{m.attempts.toLocaleString()}</td>
                  <td className={`${td} hidden text-right text-muted tabular-nums sm:table-cell`}>
                    {m.failed.toLocaleString()}
                  </td>
                  <td className={td}>
                    <div className="flex items-center gap-2">
                      <div className="hidden h-1.5 w-24 overflow-hidden rounded-full bg-gray-100 sm:block">
                        <div
                          className="h-full rounded-full bg-brand-600"
                          style={{ width: `${(m.success_rate ?? 0) * 100}%` }}
                        />
                      </div>
                      <span className="tabular-nums">{percent(m.success_rate)}</span>
                    </div>
                  </td>
                  <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                    {formatMoney(m.volume_cents)}
                  </td>
                </tr>
              )}
            />
          </Card>
        </>
      )}
    </div>
  );
}

export default function Payments() {
  usePageTitle('Payments');
  const { values, set } = useUrlFilters(['tab', 'status', 'method', 'from', 'to'] as const);
  const tab = values.tab === 'analytics' ? 'analytics' : 'list';
  return (
    <>
      <PageHeader
        title="Payments"
        description="Every payment attempt, newest first, and how the money moved."
      />
      <Card flush>
        <Segmented
          label="Payment views"
          value={tab}
          // Each view has its own date filters: switching starts from that view's defaults.
          onChange={(v) => set({ tab: v === 'list' ? '' : v, status: '', method: '', from: '', to: '' })}
          options={[...TABS]}
        />
        {tab === 'list' ? <PaymentList /> : <Analytics />}
      </Card>
    </>
  );
}
