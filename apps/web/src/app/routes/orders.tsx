import { useState } from 'react';
import { Link } from 'react-router';
import { ButtonLink } from '../../components/button';
import { ChevronRight, ReceiptIcon } from '../../components/icons';
import { ProductImage } from '../../components/product-image';
import { EmptyState, ErrorState, Skeleton } from '../../components/states';
import { formatDateTime, plural } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { useOrders } from '../../features/orders/api/orders';
import { StatusBadge } from '../../features/orders/components/order-status';
import type { OrderStatus } from '../../features/orders/types';
import { Pagination } from '../../features/catalog/components/pagination';
import { DeliverySummary } from '../../features/tracking/components/delivery-summary';
import { RequireAuth } from '../components/require-auth';
import { usePageTitle } from '../components/page-title';

/** Orders with a delivery under way: their card shows where it is. */
const ON_THE_WAY: OrderStatus[] = ['confirmed', 'packed', 'out_for_delivery'];

function OrderList() {
  const [page, setPage] = useState(1);
  const orders = useOrders(page);
  if (orders.isPending)
    return (
      <div className="space-y-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-28 w-full rounded-2xl" />
        ))}
      </div>
    );
  if (orders.error) return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
  if (!orders.data.items.length)
    return (
      <EmptyState
        icon={<ReceiptIcon size={28} />}
        title="No orders yet"
        action={<ButtonLink to="/">Start shopping</ButtonLink>}
      >
        When you place an order, it shows up here.
      </EmptyState>
    );
  return (
    <>
      <ul className="space-y-3">
        {orders.data.items.map((o) => (
          <li key={o.id}>
            <Link
              to={`/orders/${o.id}`}
              className="block rounded-2xl border border-line bg-white p-4 transition hover:shadow-card"
            >
              <div className="flex items-start justify-between gap-3">
                <div>
                  <p className="font-bold">Order {o.number}</p>
                  <p className="text-xs text-muted">{formatDateTime(o.created_at)}</p>
                </div>
                <StatusBadge status={o.status} />
              </div>
              {ON_THE_WAY.includes(o.status) && <DeliverySummary orderId={o.id} />}
              <div className="mt-3 flex items-center gap-2">
                {o.preview.slice(0, 5).map((p, i) => (
                  <ProductImage
                    key={i}
                    src={p.image_url}
                    alt={p.name}
                    className="h-12 w-12 rounded-lg border border-line bg-white p-0.5"
                  />
                ))}
                {o.item_count > 5 && <span className="text-xs text-muted">+{o.item_count - 5}</span>}
              </div>
              <div className="mt-3 flex items-center justify-between text-sm">
                <span className="text-muted">{plural(o.units, 'item')}</span>
                <span className="flex items-center gap-1 font-bold">
                  {formatMoney(o.totals.total_cents, o.currency)} <ChevronRight size={16} />
                </span>
              </div>
            </Link>
          </li>
        ))}
      </ul>
      <Pagination page={orders.data.page} totalPages={orders.data.total_pages} onPage={setPage} />
    </>
  );
}

export default function OrdersPage() {
  usePageTitle('My orders');
  return (
    <RequireAuth>
      <div className="mx-auto max-w-2xl px-4 py-6">
        <h1 className="mb-4 text-2xl font-extrabold tracking-tight">My orders</h1>
        <OrderList />
      </div>
    </RequireAuth>
  );
}
