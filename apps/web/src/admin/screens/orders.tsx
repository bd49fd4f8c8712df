import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useWarehouses } from '../api/inventory';
import { useAdminOrders } from '../api/orders';
import { ORDER_LABEL, OrderStatusBadge } from '../components/status';
import {
  Card,
  DataTable,
  FilterBar,
  Input,
  PageHeader,
  Pager,
  SearchBox,
  Segmented,
  Select,
  TableEmpty,
  dayBound,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { AdminOrderStatus } from '../types';

const TABS: { value: '' | AdminOrderStatus; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'pending_payment', label: ORDER_LABEL.pending_payment },
  { value: 'on_hold', label: ORDER_LABEL.on_hold },
  { value: 'confirmed', label: ORDER_LABEL.confirmed },
  { value: 'packed', label: ORDER_LABEL.packed },
  { value: 'out_for_delivery', label: ORDER_LABEL.out_for_delivery },
  { value: 'delivered', label: ORDER_LABEL.delivered },
  { value: 'cancelled', label: ORDER_LABEL.cancelled },
  { value: 'refunded', label: ORDER_LABEL.refunded },
];

export default function Orders() {
  usePageTitle('Orders');
  const navigate = useNavigate();
  const { values, page, set } = useUrlFilters(['status', 'q', 'store', 'from', 'to'] as const);
  const warehouses = useWarehouses();
  const { data, isPending, isFetching, error, refetch } = useAdminOrders({
    status: (values.status || undefined) as AdminOrderStatus | undefined,
    q: values.q || undefined,
    store_id: values.store || undefined,
    from: dayBound(values.from, false),
    to: dayBound(values.to, true),
    page,
  });
  return (
    <>
      <PageHeader title="Orders" description="Every order, newest first. Open one to move it along." />
      <Card flush>
        <Segmented
          label="Order status"
          value={values.status as '' | AdminOrderStatus}
          onChange={(status) => set({ status })}
          options={TABS}
        />
        <FilterBar>
          <SearchBox
            label="Search orders"
            placeholder="Order number, name or phone"
            value={values.q}
            onChange={(q) => set({ q })}
            className="w-full sm:w-72"
          />
          <Select
            label="Dark store"
            hideLabel
            value={values.store}
            onChange={(e) => set({ store: e.target.value })}
            className="w-full sm:w-48"
          >
            <option value="">All stores</option>
            {warehouses.data?.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </Select>
          <Input
            label="From"
            type="date"
            value={values.from}
            onChange={(e) => set({ from: e.target.value })}
            className="w-[calc(50%-0.25rem)] sm:w-40"
          />
          <Input
            label="To"
            type="date"
            value={values.to}
            onChange={(e) => set({ to: e.target.value })}
            className="w-[calc(50%-0.25rem)] sm:w-40"
          />
        </FilterBar>
        <DataTable
          label="Orders"
          columns={6}
          loading={isPending}
          error={error}
          onRetry={() => void refetch()}
          isEmpty={data?.items.length === 0}
          empty={
            <TableEmpty title="No orders found">
              {values.q || values.status || values.from
                ? 'Try other filters.'
                : 'Orders appear here as shoppers check out.'}
            </TableEmpty>
          }
          head={
            <tr>
              <th className={th}>Order</th>
              <th className={`${th} hidden sm:table-cell`}>Placed</th>
              <th className={th}>Status</th>
              <th className={`${th} hidden lg:table-cell`}>Payment</th>
              <th className={`${th} hidden text-right md:table-cell`}>Items</th>
              <th className={`${th} text-right`}>Total</th>
            </tr>
          }
        >
          {data?.items.map((o) => (
            <tr
              key={o.id}
              className={`cursor-pointer hover:bg-gray-50 ${isFetching ? 'opacity-70' : ''}`}
              onClick={() => navigate(`/admin/orders/${o.id}`)}
            >
              <td className={td}>
                <Link
                  to={`/admin/orders/${o.id}`}
                  className="font-semibold text-brand-700 hover:underline"
                  onClick={(e) => e.stopPropagation()}
                >
                  {o.number}
                </Link>
                <div className="text-xs text-muted sm:hidden">{formatDateTime(o.created_at)}</div>
              </td>
              <td className={`${td} hidden whitespace-nowrap text-muted sm:table-cell`}>
                {formatDateTime(o.created_at)}
              </td>
              <td className={td}>
                <OrderStatusBadge status={o.status} />
              </td>
              <td className={`${td} hidden text-muted lg:table-cell`}>{o.payment_method}</td>
              <td className={`${td} hidden text-right tabular-nums md:table-cell`}>{o.units}</td>
              <td className={`${td} text-right font-medium whitespace-nowrap tabular-nums`}>
                {formatMoney(o.totals.total_cents, o.currency)}
                {o.refunded_cents > 0 && (
                  <div className="text-xs text-muted">
                    −{formatMoney(o.refunded_cents, o.currency)} refunded
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {data && (
          <Pager
            page={page}
            totalPages={data.total_pages}
            total={data.total}
            onPage={(p) => set({ page: p })}
            noun="order"
          />
        )}
      </Card>
    </>
  );
}
