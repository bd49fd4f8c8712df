import { Link } from 'react-router';
import { Bar, CartesianGrid, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePageTitle } from '../../app/components/page-title';
import { ErrorState, Skeleton } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { displayName, useSession } from '../../lib/session';
import {
  useFailedJobs,
  useLowStockCount,
  usePendingReviews,
  useRecentOrders,
  useSalesSeries,
  useTodayStats,
} from '../api/dashboard';
import { useInventorySummary } from '../api/inventory';
import { QueryTable } from '../components/lists';
import { OrderStatusBadge } from '../components/status';
import { Card, PageHeader, StatCard, TableEmpty, td, th } from '../components/ui';

const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

function SalesChart() {
  const { data, isPending, error, refetch } = useSalesSeries(14);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending) return <Skeleton className="h-64 w-full" />;
  const points = data.points.map((p) => ({
    label: shortDay.format(new Date(`${p.day}T12:00:00`)),
    revenue: p.revenueCents / 100,
    orders: p.orders,
  }));
  const empty = points.every((p) => p.orders === 0);
  return (
    <div>
      <div className="relative h-64" role="img" aria-label={chartSummary(data.points)}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid stroke="#eceef0" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 11, fill: '#666c75' }}
              tickLine={false}
              axisLine={false}
            />
            <YAxis
              tick={{ fontSize: 11, fill: '#666c75' }}
              tickLine={false}
              axisLine={false}
              tickFormatter={(v: number) => `$${v >= 1000 ? `${Math.round(v / 100) / 10}k` : v}`}
            />
            <Tooltip
              cursor={{ fill: '#f1f5f3' }}
              formatter={(value) => formatMoney(Math.round(Number(value) * 100))}
              labelFormatter={(label, payload) => {
                const n = (payload?.[0]?.payload as { orders?: number } | undefined)?.orders ?? 0;
                return `${String(label)} · ${n} ${n === 1 ? 'order' : 'orders'}`;
              }}
              contentStyle={{ borderRadius: 8, border: '1px solid #e8e8e8', fontSize: 12 }}
            />
            <Bar dataKey="revenue" name="Revenue" fill="#16a34a" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
        {empty && (
          <p className="absolute inset-0 flex items-center justify-center text-sm text-muted">
            No sales in the last 14 days.
          </p>
        )}
      </div>
      <p className="mt-2 text-xs text-muted">
        {data.source === 'reports'
          ? 'From the daily sales report.'
          : `Added up from orders: the sales report API is not available yet${data.complete ? '' : ' (latest 500 orders only)'}.`}
      </p>
    </div>
  );
}

function chartSummary(points: { day: string; orders: number; revenueCents: number }[]) {
  const orders = points.reduce((n, p) => n + p.orders, 0);
  const revenue = points.reduce((n, p) => n + p.revenueCents, 0);
  return `Sales over the last ${points.length} days: ${orders} orders, ${formatMoney(revenue)} revenue.`;
}

function RecentOrders() {
  const orders = useRecentOrders();
  return (
    <QueryTable
      label="Recent orders"
      columns={4}
      query={orders}
      rows={orders.data?.items}
      empty={<TableEmpty title="No orders yet">Orders appear here as shoppers check out.</TableEmpty>}
      maxHeight="max-h-96"
      head={
        <tr>
          <th className={th}>Order</th>
          <th className={th}>Placed</th>
          <th className={th}>Status</th>
          <th className={`${th} text-right`}>Total</th>
        </tr>
      }
      row={(o) => (
        <tr key={o.id} className="hover:bg-gray-50">
          <td className={td}>
            <Link to={`/admin/orders/${o.id}`} className="font-semibold text-brand-700 hover:underline">
              {o.number}
            </Link>
          </td>
          <td className={`${td} whitespace-nowrap text-muted`}>{formatDateTime(o.created_at)}</td>
          <td className={td}>
            <OrderStatusBadge status={o.status} />
          </td>
          <td className={`${td} text-right tabular-nums`}>{formatMoney(o.totals.total_cents, o.currency)}</td>
        </tr>
      )}
    />
  );
}

function StoreStock() {
  const summary = useInventorySummary();
  return (
    <QueryTable
      label="Stock by dark store"
      columns={4}
      query={summary}
      rows={summary.data?.warehouses}
      empty={<TableEmpty title="No dark stores yet" />}
      maxHeight="max-h-96"
      head={
        <tr>
          <th className={th}>Store</th>
          <th className={`${th} text-right`}>Units</th>
          <th className={`${th} text-right`}>Low</th>
          <th className={`${th} text-right`}>Out</th>
        </tr>
      }
      row={(w) => (
        <tr key={w.warehouse_id}>
          <td className={td}>
            <div className="font-medium">{w.name}</div>
            <div className="text-xs text-muted">{w.code}</div>
          </td>
          <td className={`${td} text-right tabular-nums`}>{w.on_hand.toLocaleString()}</td>
          <td className={`${td} text-right text-amber-700 tabular-nums`}>{w.low_stock_count}</td>
          <td className={`${td} text-right text-red-700 tabular-nums`}>{w.out_of_stock_count}</td>
        </tr>
      )}
    />
  );
}

export default function Dashboard() {
  usePageTitle('Dashboard');
  const { user } = useSession();
  const today = useTodayStats();
  const lowStock = useLowStockCount();
  const reviews = usePendingReviews();
  const failedJobs = useFailedJobs();
  const t = today.data;
  const partial = t && !t.complete ? ' (first 1,000 orders)' : '';
  return (
    <>
      <PageHeader
        title={`Good to see you, ${user ? displayName(user) : ''}`}
        description={`Today, ${new Intl.DateTimeFormat('en-US', { dateStyle: 'full' }).format(new Date())}`}
      />
      {today.error && (
        <p role="alert" className="mb-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          Today’s sales could not be loaded.
        </p>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatCard
          label="Orders today"
          loading={today.isPending}
          value={t?.orders ?? '—'}
          hint={t ? `${t.sales} paid or cash on delivery` : undefined}
          to="/admin/orders"
        />
        <StatCard
          label="Revenue today"
          loading={today.isPending}
          value={t ? formatMoney(t.revenueCents, t.currency) : '—'}
          hint={`Net of refunds${partial}`}
        />
        <StatCard
          label="Average order"
          loading={today.isPending}
          value={t?.aovCents != null ? formatMoney(t.aovCents, t.currency) : '—'}
          hint={t?.aovCents == null ? 'No sales yet today' : 'Revenue ÷ sales'}
        />
        <StatCard
          label="Low stock"
          loading={lowStock.isPending}
          value={lowStock.data ?? '—'}
          tone={lowStock.data ? 'warn' : undefined}
          hint="Rows at or below threshold"
          to="/admin/inventory?tab=low"
        />
        <StatCard
          label="Pending reviews"
          loading={reviews.isPending}
          value={reviews.data ?? '—'}
          tone={reviews.data ? 'warn' : undefined}
          hint="Waiting for moderation"
          to="/admin/reviews"
        />
        <StatCard
          label="Failed jobs"
          loading={failedJobs.isPending}
          value={failedJobs.data === null ? '—' : (failedJobs.data ?? '—')}
          tone={failedJobs.data ? 'bad' : undefined}
          hint={
            isApiError(failedJobs.error, 403)
              ? 'Admins only'
              : failedJobs.data === null
                ? 'Jobs monitor not available yet'
                : 'Need a retry or a look'
          }
          to="/admin/jobs"
        />
      </div>
      <div className="mt-4 grid gap-4 xl:grid-cols-3">
        <Card title="Sales, last 14 days" className="xl:col-span-2">
          <SalesChart />
        </Card>
        <Card
          title="Stock by dark store"
          flush
          actions={
            <Link to="/admin/inventory" className="text-sm font-medium text-brand-700 hover:underline">
              Inventory
            </Link>
          }
        >
          <StoreStock />
        </Card>
      </div>
      <Card
        title="Recent orders"
        flush
        className="mt-4"
        actions={
          <Link to="/admin/orders" className="text-sm font-medium text-brand-700 hover:underline">
            All orders
          </Link>
        }
      >
        <RecentOrders />
      </Card>
    </>
  );
}
