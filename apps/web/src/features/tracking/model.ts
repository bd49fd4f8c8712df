import type { DeliveryStatus, Tracking, TrackingEntry } from './types';

/** The happy path the stepper draws; FAILED sits on the third step, CANCELLED stops it. */
export const STEPS = [
  { status: 'PLACED', label: 'Order placed' },
  { status: 'PACKED', label: 'Packed' },
  { status: 'OUT_FOR_DELIVERY', label: 'On the way' },
  { status: 'DELIVERED', label: 'Delivered' },
] as const satisfies readonly { status: DeliveryStatus; label: string }[];

/** Index of the step the delivery is on (a failed attempt is still "on the way"). */
export function stepIndex(status: DeliveryStatus | null): number {
  if (status === 'FAILED') return 2;
  if (status === null || status === 'CANCELLED') return -1;
  return STEPS.findIndex((s) => s.status === status);
}

/** The step a cancelled delivery got to before it stopped, from its history. */
export function reachedBeforeCancel(history: TrackingEntry[]): number {
  let reached = -1;
  for (const e of history) if (e.type === 'status') reached = Math.max(reached, stepIndex(e.to));
  return reached;
}

/** Whole minutes until `etaAt` at `now`, rounded up; 0 once it is due; null without an ETA. */
export function minutesUntil(etaAt: string | null, now: number): number | null {
  if (!etaAt) return null;
  const ms = new Date(etaAt).getTime() - now;
  return ms <= 0 ? 0 : Math.ceil(ms / 60_000);
}

/** "Arriving in ~8 min", or "Arriving any minute now" when due, for an open delivery. */
export function etaText(minutes: number | null): string | null {
  if (minutes === null) return null;
  return minutes <= 1 ? 'Arriving any minute now' : `Arriving in ~${minutes} min`;
}

/** Still moving: the stream is worth keeping open and the ETA counts down. */
export const isOpen = (status: DeliveryStatus | null) =>
  status === 'PLACED' || status === 'PACKED' || status === 'OUT_FOR_DELIVERY' || status === 'FAILED';

/** The big line at the top of the tracker and the one under it. */
export function headline(t: Pick<Tracking, 'status' | 'rider' | 'history'>): {
  title: string;
  detail: string;
} {
  const rider = t.rider?.name;
  switch (t.status) {
    case null:
      return { title: 'Confirming your order', detail: 'Tracking starts as soon as the payment is through.' };
    case 'PLACED':
      return { title: 'Packing your order', detail: 'The store is picking your items right now.' };
    case 'PACKED':
      return {
        title: 'Packed and ready',
        detail: rider ? `${rider} is picking it up from the store.` : 'Handing it to a delivery partner.',
      };
    case 'OUT_FOR_DELIVERY':
      return {
        title: 'On the way',
        detail: rider ? `${rider} is heading to you.` : 'Your order is heading to you.',
      };
    case 'DELIVERED':
      return { title: 'Delivered', detail: 'Enjoy! Thanks for shopping with Cartwheel.' };
    case 'FAILED': {
      const note = [...t.history].reverse().find((e) => e.type === 'status' && e.to === 'FAILED')?.note;
      return {
        title: 'Delivery attempt failed',
        detail: `${note ? `${note}. ` : ''}We’ll try again shortly.`,
      };
    }
    case 'CANCELLED':
      return { title: 'Delivery cancelled', detail: 'Any payment is refunded to where it came from.' };
  }
}

const ENTRY_LABEL: Record<DeliveryStatus, string> = {
  PLACED: 'Order received by the store',
  PACKED: 'Packed',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  FAILED: 'Delivery attempt failed',
  CANCELLED: 'Cancelled',
};

/** One line of the timeline. Rider entries name the rider when it is the current one. */
export function entryLabel(e: TrackingEntry, rider: Tracking['rider']): string {
  if (e.type === 'rider')
    return rider && e.rider_id === rider.id
      ? `${rider.name} is your delivery partner`
      : 'Delivery partner assigned';
  if (e.from === 'FAILED' && e.to === 'OUT_FOR_DELIVERY') return 'Out for delivery again';
  return ENTRY_LABEL[e.to];
}

/** "Ravi R." → "RR". */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
