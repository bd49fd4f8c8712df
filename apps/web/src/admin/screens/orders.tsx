import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useAdminOrders } from '../api/orders';
import { DateRange, StoreFilter } from '../components/filters';
import { LinkRow, PagedTable } from '../components/lists';
import { ORDER_LABEL, OrderStatusBadge } from '../components/status';
import {
  Card,
  FilterBar,
  PageHeader,
  SearchBox,
  Segmented,
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
  const { values, page, set, bind, setPage } = useUrlFilters(['status', 'q', 'store', 'from', 'to'] as const);
  const orders = useAdminOrders({
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
        <Segmented label="Order status" {...bind('status')} options={TABS} />
        <FilterBar>
          <SearchBox
            label="Search orders"
            placeholder="Order number, name or phone"
            {...bind('q')}
            className="w-full sm:w-72"
          />
          <StoreFilter all="All stores" {...bind('store')} className="w-full sm:w-48" />
          <DateRange from={values.from} to={values.to} onChange={set} />
        </FilterBar>
        <PagedTable
          label="Orders"
          columns={6}
          query={orders}
          page={page}
          onPage={setPage}
          noun="order"
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
          row={(o) => (
            <LinkRow key={o.id} to={`/admin/orders/${o.id}`} dim={orders.isFetching}>
              <td className={td}>
                <Link
                  to={`/admin/orders/${o.id}`}
                  className="font-semibold whitespace-nowrap text-brand-700 hover:underline"
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
                  <div className="text-xs whitespace-normal text-muted">
                    −{formatMoney(o.refunded_cents, o.currency)} refunded
                  </div>
                )}
              </td>
            </LinkRow>
          )}
        />
      </Card>
    </>
  );
}
