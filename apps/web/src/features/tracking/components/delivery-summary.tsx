import { useQuery } from '@tanstack/react-query';
import { cn } from '../../../lib/format';
import { trackingQuery } from '../api/tracking';
import { STEPS, etaText, headline, isOpen, minutesUntil, stepIndex } from '../model';
import { useNow } from './use-now';

/**
 * One line and a thin bar for an order card in the history: where its delivery is now and when it
 * arrives. Cards are many, so this polls (every 30 s) rather than holding a stream open per order.
 */
export function DeliverySummary({ orderId }: { orderId: string }) {
  const { data } = useQuery({ ...trackingQuery(orderId), refetchInterval: 30_000 });
  const open = isOpen(data?.status ?? null);
  const now = useNow(open);
  if (!data?.status) return null;
  const step = stepIndex(data.status);
  const failed = data.status === 'FAILED';
  const eta = open ? etaText(minutesUntil(data.eta_at, now)) : null;
  return (
    <div className="mt-3 rounded-xl bg-canvas p-3" data-testid="delivery-summary" data-status={data.status}>
      <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className={cn('font-bold', failed ? 'text-amber-800' : 'text-brand-800')}>
          {headline(data).title}
        </span>
        {eta && <span className="text-xs font-semibold text-muted">{eta}</span>}
      </p>
      <div className="mt-2 grid grid-cols-4 gap-1" aria-hidden="true">
        {STEPS.map((s, i) => (
          <span
            key={s.status}
            className={cn(
              'h-1.5 rounded-full',
              i < step || (i === step && s.status === 'DELIVERED')
                ? 'bg-brand-600'
                : i === step
                  ? failed
                    ? 'bg-amber-500'
                    : 'animate-pulse bg-brand-500'
                  : 'bg-gray-200',
            )}
          />
        ))}
      </div>
      {data.rider && open && <p className="mt-2 text-xs text-muted">With {data.rider.name}</p>}
    </div>
  );
}
