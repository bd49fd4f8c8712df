import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from '../app/components/page-title';
import { DeliveryStatusBadge } from '../admin/components/status';
import { DELIVERY_LABEL, NEXT_DELIVERY, type DeliveryStep } from '../admin/api/deliveries';
import { isMissingRoute } from '../admin/api/optional';
import type { Delivery, DeliveryStatus } from '../admin/types';
import { Button } from '../components/button';
import { PinIcon, TruckIcon } from '../components/icons';
import { EmptyState, ErrorState, Skeleton } from '../components/states';
import { useToast } from '../components/toast';
import { useLogout } from '../features/auth/api/logout';
import { api, isApiError, unwrap, type BodyOf } from '../lib/api';
import { displayName, useSession } from '../lib/session';

const ACTION: Partial<Record<DeliveryStatus, string>> = {
  PACKED: 'Picked up at the store',
  OUT_FOR_DELIVERY: 'Start delivery',
  DELIVERED: 'Delivered',
};

const useMyDeliveries = (open: boolean) =>
  useQuery({
    queryKey: ['rider', 'deliveries', open],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/rider/deliveries', {
          params: { query: open ? { open: 'true', per_page: 50 } : { status: 'DELIVERED', per_page: 20 } },
          signal,
        }),
      ),
    // New assignments arrive without the rider doing anything.
    refetchInterval: open ? 15_000 : false,
  });

function useAdvance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/rider/deliveries/{id}/advance'>) =>
      unwrap(api.POST('/api/v1/rider/deliveries/{id}/advance', { params: { path: { id } }, body })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['rider'] }),
  });
}

function DeliveryCard({ d }: { d: Delivery }) {
  const notify = useToast();
  const advance = useAdvance();
  const next = NEXT_DELIVERY[d.status];
  const a = d.dropoff;
  const go = (status: DeliveryStep, note?: string) =>
    advance.mutate(
      { id: d.id, status, note },
      {
        onSuccess: () => notify(`${d.order_number}: ${DELIVERY_LABEL[status].toLowerCase()}`, 'success'),
        // A repeated tap names a status already reached: the server answers 409, the list refreshes.
        onError: (e) =>
          notify(
            isApiError(e, 409)
              ? 'Already updated — list refreshed.'
              : isApiError(e)
                ? e.message
                : 'Could not update',
            'error',
          ),
      },
    );
  const mapUrl = `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${a.line1}, ${a.city} ${a.postal_code}`)}`;
  return (
    <li className="overflow-hidden rounded-2xl border border-line bg-white shadow-card">
      <div className="p-4">
        <div className="flex items-center justify-between gap-2">
          <span className="text-lg font-bold">{d.order_number}</span>
          <DeliveryStatusBadge status={d.status} />
        </div>
        <p className="mt-2 text-base font-semibold">{a.full_name}</p>
        <p className="text-[15px] text-gray-700">
          {a.line1}
          {a.line2 && `, ${a.line2}`}
          <br />
          {a.city} {a.postal_code}
        </p>
        <div className="mt-3 flex flex-wrap gap-2 text-sm">
          <a
            href={mapUrl}
            target="_blank"
            rel="noreferrer"
            className="inline-flex h-10 items-center gap-1.5 rounded-xl border border-line px-3 font-semibold"
          >
            <PinIcon size={18} /> Map
          </a>
          {a.phone && (
            <a
              href={`tel:${a.phone}`}
              className="inline-flex h-10 items-center rounded-xl border border-line px-3 font-semibold"
            >
              Call {a.phone}
            </a>
          )}
          <span className="inline-flex h-10 items-center px-1 text-muted">
            {d.units} {d.units === 1 ? 'item' : 'items'}
            {d.eta_minutes != null && ` · due in ${d.eta_minutes} min`}
          </span>
        </div>
      </div>
      {next && (
        <div className="grid gap-2 border-t border-line bg-gray-50 p-3">
          <Button
            size="lg"
            className="h-16 w-full text-lg"
            loading={advance.isPending}
            onClick={() => go(next)}
          >
            {d.status === 'FAILED' ? 'Try again: start delivery' : ACTION[next]}
          </Button>
          {d.status === 'OUT_FOR_DELIVERY' && (
            <Button
              variant="ghost"
              className="w-full text-red-700"
              disabled={advance.isPending}
              onClick={() => {
                const note = window.prompt('What happened? (nobody home, wrong address…)');
                if (note?.trim()) go('FAILED', note.trim());
              }}
            >
              Could not deliver
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function DeliveryList() {
  const [tab, setTab] = useState<'open' | 'done'>('open');
  const { data, isPending, error, refetch } = useMyDeliveries(tab === 'open');
  if (isMissingRoute(error))
    return (
      <EmptyState title="Deliveries are not available yet">This server has no rider routes yet.</EmptyState>
    );
  return (
    <>
      <div
        role="group"
        aria-label="Which deliveries"
        className="mb-4 grid grid-cols-2 rounded-xl bg-gray-200/70 p-1 text-sm font-semibold"
      >
        {(['open', 'done'] as const).map((t) => (
          <button
            key={t}
            type="button"
            aria-pressed={tab === t}
            onClick={() => setTab(t)}
            className={`h-10 rounded-lg ${tab === t ? 'bg-white shadow-card' : 'text-muted'}`}
          >
            {t === 'open' ? 'To do' : 'Done'}
          </button>
        ))}
      </div>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <div className="space-y-3">
          <Skeleton className="h-48 w-full rounded-2xl" />
          <Skeleton className="h-48 w-full rounded-2xl" />
        </div>
      ) : data.items.length === 0 ? (
        <EmptyState
          icon={<TruckIcon size={30} />}
          title={tab === 'open' ? 'No deliveries right now' : 'Nothing delivered yet'}
        >
          {tab === 'open' ? 'New assignments appear here automatically.' : undefined}
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label={tab === 'open' ? 'Deliveries to do' : 'Done'}>
          {data.items.map((d) => (
            <DeliveryCard key={d.id} d={d} />
          ))}
        </ul>
      )}
    </>
  );
}

/** `/rider`: a rider's own deliveries, one big tap to move each along. Phone first. */
export default function RiderApp() {
  usePageTitle('My deliveries');
  const { user } = useSession();
  const location = useLocation();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <div className="min-h-dvh bg-canvas">
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between border-b border-line bg-white px-4">
        <span className="font-black tracking-tight text-brand-700">
          cartwheel <span className="text-xs font-bold text-muted">rider</span>
        </span>
        <div className="flex items-center gap-2 text-sm">
          <span className="max-w-32 truncate font-semibold">{displayName(user)}</span>
          <button
            type="button"
            className="h-9 rounded-lg px-2 text-muted hover:bg-black/5"
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
          >
            Log out
          </button>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-xl px-4 py-4">
        <h1 className="mb-3 text-2xl font-extrabold">My deliveries</h1>
        {user.role === 'rider' ? (
          <DeliveryList />
        ) : (
          <EmptyState title="This view is for riders">
            You are signed in as {user.email}.{' '}
            {user.role === 'staff' || user.role === 'admin' ? (
              <Link to="/admin/deliveries" className="font-semibold text-brand-700 underline">
                Open the delivery board
              </Link>
            ) : (
              <Link to="/" className="font-semibold text-brand-700 underline">
                Back to the store
              </Link>
            )}
          </EmptyState>
        )}
      </main>
    </div>
  );
}
