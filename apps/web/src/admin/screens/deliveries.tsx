import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { Skeleton } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import {
  DELIVERY_LABEL,
  NEXT_DELIVERY,
  useAssignRider,
  useDeliveryColumn,
  useSetDeliveryStatus,
} from '../api/deliveries';
import { fullName, useRiders } from '../api/users';
import { useOutcomeToast } from '../components/actions';
import { StoreFilter } from '../components/filters';
import { NotAvailable, PageHeader, problemText, useUrlFilters } from '../components/ui';
import type { AdminUser, Delivery, DeliveryStatus } from '../types';

const COLUMNS: DeliveryStatus[] = ['PLACED', 'PACKED', 'OUT_FOR_DELIVERY', 'FAILED', 'DELIVERED'];
const ADVANCE_LABEL: Partial<Record<DeliveryStatus, string>> = {
  PACKED: 'Mark packed',
  OUT_FOR_DELIVERY: 'Send out',
  DELIVERED: 'Mark delivered',
};

function DeliveryCard({ d, riders }: { d: Delivery; riders: AdminUser[] }) {
  const outcome = useOutcomeToast();
  const assign = useAssignRider();
  const setStatus = useSetDeliveryStatus();
  const next = NEXT_DELIVERY[d.status];
  const open = d.status !== 'DELIVERED' && d.status !== 'CANCELLED';
  return (
    <li
      className="rounded-lg border border-line bg-white p-3 shadow-card"
      aria-label={`Delivery for order ${d.order_number}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-2">
        <Link
          to={`/admin/orders/${d.order_id}`}
          className="font-semibold whitespace-nowrap text-brand-700 hover:underline"
        >
          {d.order_number}
        </Link>
        <span className="text-xs whitespace-nowrap text-muted tabular-nums">
          {d.status === 'DELIVERED' && d.delivered_at
            ? formatDateTime(d.delivered_at)
            : d.eta_minutes != null
              ? `ETA ${d.eta_minutes} min`
              : ''}
        </span>
      </div>
      <div className="mt-1 text-sm">
        {d.dropoff.full_name} · {d.units} {d.units === 1 ? 'item' : 'items'}
      </div>
      <div className="truncate text-xs text-muted">
        {d.dropoff.line1}, {d.dropoff.postal_code}
      </div>
      {open && (
        <div className="mt-2 flex flex-col gap-2">
          <label className="sr-only" htmlFor={`rider-${d.id}`}>
            Rider for order {d.order_number}
          </label>
          <select
            id={`rider-${d.id}`}
            value={d.rider_id ?? ''}
            disabled={assign.isPending}
            onChange={(e) =>
              e.target.value &&
              assign.mutate(
                { id: d.id, rider_id: e.target.value },
                outcome(`Rider assigned to ${d.order_number}`),
              )
            }
            className={`h-8 w-full rounded-lg border bg-white px-2 text-sm ${d.rider_id ? 'border-line' : 'border-amber-400'}`}
          >
            <option value="">Assign a rider…</option>
            {riders.map((r) => (
              <option key={r.id} value={r.id}>
                {fullName(r)}
              </option>
            ))}
          </select>
          {next && (
            <Button
              size="sm"
              variant={d.status === 'FAILED' ? 'outline' : 'primary'}
              loading={setStatus.isPending}
              onClick={() =>
                setStatus.mutate(
                  { id: d.id, status: next },
                  outcome(`${d.order_number}: ${DELIVERY_LABEL[next].toLowerCase()}`),
                )
              }
            >
              {d.status === 'FAILED' ? 'Try again: send out' : ADVANCE_LABEL[next]}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function Column({ status, store, riders }: { status: DeliveryStatus; store?: string; riders: AdminUser[] }) {
  const { data, isPending, error } = useDeliveryColumn(status, store);
  return (
    <section
      className="flex w-72 shrink-0 snap-start flex-col rounded-xl bg-gray-100/80 md:w-auto md:min-w-56 md:flex-1 xl:min-w-0"
      aria-label={DELIVERY_LABEL[status]}
    >
      <h2 className="flex items-center justify-between px-3 py-2 text-sm font-semibold">
        {DELIVERY_LABEL[status]}
        <span className="rounded-full bg-white px-2 text-xs text-muted tabular-nums">
          {data?.total ?? '…'}
        </span>
      </h2>
      <ul className="flex max-h-[calc(100dvh-14rem)] flex-col gap-2 overflow-y-auto px-2 pb-2">
        {error ? (
          <li className="p-2 text-sm text-red-700">{problemText(error)}</li>
        ) : isPending ? (
          [0, 1].map((i) => <Skeleton key={i} className="h-24 w-full" />)
        ) : data?.items.length === 0 ? (
          <li className="px-2 py-6 text-center text-xs text-muted">None</li>
        ) : (
          data?.items.map((d) => <DeliveryCard key={d.id} d={d} riders={riders} />)
        )}
      </ul>
    </section>
  );
}

export default function Deliveries() {
  usePageTitle('Deliveries');
  const { values, set } = useUrlFilters(['store'] as const);
  const riders = useRiders();
  const probe = useDeliveryColumn('PLACED', values.store || undefined);
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Every delivery by stage. Assign riders and move deliveries along; the order follows."
        actions={<StoreFilter value={values.store} onChange={(store) => set({ store })} className="w-52" />}
      />
      {probe.data === null ? (
        <NotAvailable what="The delivery board" route="GET /api/v1/admin/deliveries" />
      ) : (
        <div className="-mx-3 flex snap-x gap-3 overflow-x-auto px-3 pb-2 md:mx-0 md:px-0">
          {COLUMNS.map((s) => (
            <Column key={s} status={s} store={values.store || undefined} riders={riders.data ?? []} />
          ))}
        </div>
      )}
    </>
  );
}
