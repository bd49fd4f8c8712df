import type { ReactNode } from 'react';
import { Skeleton, errorMessage } from '../../../components/states';
import { cn } from '../../../lib/format';
import { useLiveTracking, type LiveMode } from '../api/tracking';
import {
  STEPS,
  entryLabel,
  etaText,
  headline,
  initials,
  isOpen,
  minutesUntil,
  reachedBeforeCancel,
  stepIndex,
} from '../model';
import type { Tracking } from '../types';
import {
  BangGlyph,
  CrossGlyph,
  DoneGlyph,
  DoorGlyph,
  PackedGlyph,
  ReceivedGlyph,
  ScooterGlyph,
} from './step-icons';
import { useNow } from './use-now';

const time = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });
const clock = (iso: string) => time.format(new Date(iso));

const STEP_GLYPH = [ReceivedGlyph, PackedGlyph, ScooterGlyph, DoorGlyph];

type Tone = 'go' | 'done' | 'warn' | 'stop';
const toneOf = (t: Tracking): Tone =>
  t.status === 'DELIVERED'
    ? 'done'
    : t.status === 'FAILED'
      ? 'warn'
      : t.status === 'CANCELLED'
        ? 'stop'
        : 'go';
const HERO: Record<Tone, string> = {
  go: 'from-brand-600 to-brand-800',
  done: 'from-brand-700 to-brand-800',
  warn: 'from-amber-500 to-amber-700',
  stop: 'from-gray-500 to-gray-700',
};

function LiveBadge({ mode }: { mode: LiveMode }) {
  if (mode === 'off') return null;
  const label = mode === 'live' ? 'Live' : mode === 'polling' ? 'Updating every few seconds' : 'Connecting…';
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-white/15 px-2.5 py-1 text-[11px] font-bold tracking-wide uppercase">
      <span className="relative flex h-2 w-2" aria-hidden="true">
        {mode === 'live' && (
          <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-white opacity-75" />
        )}
        <span
          className={cn(
            'relative inline-flex h-2 w-2 rounded-full',
            mode === 'live' ? 'bg-white' : 'bg-white/60',
          )}
        />
      </span>
      {label}
    </span>
  );
}

/** The big number on the right of the hero: minutes left, or a mark once it is over. */
function EtaBubble({ t, minutes }: { t: Tracking; minutes: number | null }) {
  let inner: ReactNode;
  if (t.status === 'DELIVERED') inner = <DoneGlyph size={40} />;
  else if (t.status === 'CANCELLED') inner = <CrossGlyph size={36} />;
  else if (minutes === null) inner = <BangGlyph size={36} />;
  else
    inner = (
      <span className="flex flex-col items-center leading-none">
        <span className="text-4xl font-black tabular-nums">{Math.max(minutes, 1)}</span>
        <span className="mt-0.5 text-xs font-bold">min</span>
      </span>
    );
  return (
    <div
      aria-hidden="true"
      className={cn(
        'flex h-24 w-24 shrink-0 items-center justify-center rounded-full bg-white shadow-float md:h-28 md:w-28',
        t.status === 'FAILED'
          ? 'text-amber-700'
          : t.status === 'CANCELLED'
            ? 'text-gray-600'
            : 'text-brand-700',
      )}
    >
      {inner}
    </div>
  );
}

function Stepper({ t }: { t: Tracking }) {
  const cancelled = t.status === 'CANCELLED';
  const current = cancelled ? reachedBeforeCancel(t.history) : stepIndex(t.status);
  const failed = t.status === 'FAILED';
  const fill = Math.max(current, 0) / (STEPS.length - 1);
  return (
    <div className="relative px-1">
      {/* The bar runs between the first and last icon centres; its fill follows the current step. */}
      <div
        className="absolute top-5 right-[12.5%] left-[12.5%] h-1.5 rounded-full bg-gray-200"
        aria-hidden="true"
      >
        <div
          data-testid="tracking-progress"
          className={cn(
            'h-full rounded-full transition-[width] duration-700 ease-out',
            cancelled ? 'bg-gray-400' : failed ? 'bg-amber-500' : 'bg-brand-600',
          )}
          style={{ width: `${fill * 100}%` }}
        />
      </div>
      <ol className="relative grid grid-cols-4" aria-label="Delivery progress">
        {STEPS.map((s, i) => {
          const done = i < current || (i === current && s.status === 'DELIVERED');
          const here = i === current && !done;
          const Glyph =
            here && failed ? BangGlyph : here && cancelled ? CrossGlyph : done ? DoneGlyph : STEP_GLYPH[i]!;
          return (
            <li
              key={s.status}
              aria-current={i === current && !cancelled ? 'step' : undefined}
              className="flex flex-col items-center text-center"
            >
              <span className="relative flex h-11 w-11 items-center justify-center">
                {here && !cancelled && (
                  <span
                    className={cn(
                      'absolute inset-0 animate-ping rounded-full opacity-30',
                      failed ? 'bg-amber-500' : 'bg-brand-500',
                    )}
                    aria-hidden="true"
                  />
                )}
                <span
                  className={cn(
                    'relative flex h-11 w-11 items-center justify-center rounded-full border-2 transition-colors duration-500',
                    cancelled && i <= current
                      ? 'border-gray-400 bg-gray-400 text-white'
                      : done
                        ? 'border-brand-600 bg-brand-600 text-white'
                        : here
                          ? failed
                            ? 'border-amber-500 bg-amber-50 text-amber-700'
                            : 'border-brand-600 bg-brand-50 text-brand-700'
                          : 'border-gray-200 bg-white text-gray-400',
                  )}
                >
                  <Glyph size={20} />
                </span>
              </span>
              <span
                className={cn(
                  'mt-2 text-xs leading-tight font-bold md:text-sm',
                  i <= current ? 'text-ink' : 'text-muted',
                )}
              >
                {s.label}
                <span className="sr-only">
                  {done ? ' (done)' : here ? (failed ? ' (attempt failed)' : ' (now)') : ' (not yet)'}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function RiderCard({ t }: { t: Tracking }) {
  if (t.rider)
    return (
      <div className="flex items-center gap-3 rounded-2xl bg-canvas p-3" data-testid="rider-card">
        <span
          className="flex h-12 w-12 shrink-0 items-center justify-center rounded-full bg-sun-400 text-base font-black text-ink"
          aria-hidden="true"
        >
          {initials(t.rider.name)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate font-bold">{t.rider.name}</span>
          <span className="block text-xs text-muted">
            {t.status === 'DELIVERED' ? 'Delivered your order' : 'Your delivery partner'}
          </span>
        </span>
        <span className="flex h-10 w-10 items-center justify-center rounded-full bg-white text-brand-700 shadow-card">
          <ScooterGlyph size={22} />
        </span>
      </div>
    );
  if (!isOpen(t.status)) return null;
  return (
    <div className="flex items-center gap-3 rounded-2xl border border-dashed border-line p-3 text-sm text-muted">
      <span className="flex h-12 w-12 shrink-0 items-center justify-center rounded-full bg-canvas text-gray-400">
        <ScooterGlyph size={22} />
      </span>
      Assigning a delivery partner — you’ll see who’s bringing your order here.
    </div>
  );
}

function Timeline({ t }: { t: Tracking }) {
  if (!t.history.length) return null;
  const entries = [...t.history].reverse();
  return (
    <div>
      <h3 className="mb-2 text-sm font-extrabold">Updates</h3>
      <ol className="relative space-y-3 border-l-2 border-line pl-4" aria-label="Delivery updates">
        {entries.map((e, i) => (
          <li key={e.seq} className="relative text-sm">
            <span
              className={cn(
                'absolute top-1.5 -left-[23px] h-3 w-3 rounded-full border-2 border-white',
                i === 0 ? (e.to === 'FAILED' ? 'bg-amber-500' : 'bg-brand-600') : 'bg-gray-300',
              )}
              aria-hidden="true"
            />
            <span className="flex justify-between gap-3">
              <span className={cn(i === 0 ? 'font-bold' : 'text-ink/80')}>
                {entryLabel(e, t.rider)}
                {e.note && e.type === 'status' && <span className="font-normal text-muted"> — {e.note}</span>}
              </span>
              <time dateTime={e.at} className="shrink-0 text-xs text-muted tabular-nums">
                {clock(e.at)}
              </time>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The tracker once there is a delivery: big status, ETA, progress, rider and updates. */
export function TrackerCard({ t, mode }: { t: Tracking; mode: LiveMode }) {
  const open = isOpen(t.status);
  const now = useNow(open);
  const minutes = open ? minutesUntil(t.eta_at, now) : null;
  const { title, detail } = headline(t);
  const eta = etaText(minutes);
  return (
    <section
      aria-label="Delivery tracking"
      data-testid="order-tracker"
      data-status={t.status ?? 'NONE'}
      className="overflow-hidden rounded-3xl border border-line bg-white shadow-card"
    >
      <div className={cn('bg-gradient-to-br px-5 pt-5 pb-6 text-white md:px-7 md:pt-6', HERO[toneOf(t)])}>
        <div className="flex items-center justify-between gap-4">
          <div className="min-w-0 flex-1">
            <LiveBadge mode={open ? mode : 'off'} />
            <h2
              className="mt-2 text-2xl leading-tight font-black tracking-tight md:text-3xl"
              aria-live="polite"
            >
              {title}
            </h2>
            {eta && (
              <p className="mt-1 text-lg font-extrabold text-sun-300" data-testid="tracking-eta">
                {eta}
              </p>
            )}
            {t.status === 'DELIVERED' && t.delivered_at && (
              <p className="mt-1 text-lg font-extrabold text-sun-300">at {clock(t.delivered_at)}</p>
            )}
            <p className="mt-1 text-sm text-white/85">
              {detail}
              {open && t.eta_at ? ` Expected by ${clock(t.eta_at)}.` : ''}
            </p>
          </div>
          <EtaBubble t={t} minutes={minutes} />
        </div>
      </div>
      <div className="space-y-5 p-4 md:p-6">
        <Stepper t={t} />
        <RiderCard t={t} />
        <Timeline t={t} />
      </div>
    </section>
  );
}

/**
 * Live tracking on the order page (and its confirmation): follows the stream while the order is
 * still moving. Nothing shows until there is a delivery (an order waiting for payment has none).
 */
export function OrderTracker({ orderId, live }: { orderId: string; live: boolean }) {
  const tracking = useLiveTracking(orderId, live);
  if (tracking.isPending) return <Skeleton className="h-80 w-full rounded-3xl" />;
  if (tracking.error)
    return (
      <p role="alert" className="rounded-2xl bg-amber-50 p-4 text-sm text-amber-900">
        Live tracking is unavailable right now: {errorMessage(tracking.error)}{' '}
        <button type="button" className="font-semibold underline" onClick={() => void tracking.refetch()}>
          Try again
        </button>
      </p>
    );
  if (tracking.data.status === null) return null;
  return <TrackerCard t={tracking.data} mode={tracking.mode} />;
}
