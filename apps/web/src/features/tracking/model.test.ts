import { describe, expect, it } from 'vitest';
import { entryLabel, etaText, headline, minutesUntil, reachedBeforeCancel, stepIndex } from './model';
import type { TrackingEntry } from './types';

const entry = (over: Partial<TrackingEntry>): TrackingEntry => ({
  seq: 1,
  type: 'status',
  from: null,
  to: 'PLACED',
  rider_id: null,
  actor_id: null,
  note: null,
  eta_at: null,
  at: '2026-01-01T10:00:00.000Z',
  ...over,
});

describe('tracking model', () => {
  it('puts each delivery status on its step; a failed attempt stays on the way', () => {
    expect(stepIndex('PLACED')).toBe(0);
    expect(stepIndex('OUT_FOR_DELIVERY')).toBe(2);
    expect(stepIndex('FAILED')).toBe(2);
    expect(stepIndex('DELIVERED')).toBe(3);
    expect(stepIndex('CANCELLED')).toBe(-1);
    expect(stepIndex(null)).toBe(-1);
  });

  it('remembers how far a cancelled delivery got', () => {
    const h = [
      entry({ to: 'PLACED' }),
      entry({ seq: 2, from: 'PLACED', to: 'PACKED' }),
      entry({ seq: 3, to: 'CANCELLED' }),
    ];
    expect(reachedBeforeCancel(h)).toBe(1);
  });

  it('counts whole minutes up to the ETA and stops at zero', () => {
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    expect(minutesUntil('2026-01-01T10:07:30.000Z', now)).toBe(8);
    expect(minutesUntil('2026-01-01T09:59:00.000Z', now)).toBe(0);
    expect(minutesUntil(null, now)).toBeNull();
    expect(etaText(8)).toBe('Arriving in ~8 min');
    expect(etaText(0)).toBe('Arriving any minute now');
  });

  it('names the rider and the failure reason', () => {
    const rider = { id: 'r1', name: 'Ravi R.' };
    expect(headline({ status: 'OUT_FOR_DELIVERY', rider, history: [] }).detail).toContain('Ravi R.');
    const failed = headline({
      status: 'FAILED',
      rider,
      history: [entry({ to: 'FAILED', note: 'Nobody at the door' })],
    });
    expect(failed.detail).toContain('Nobody at the door');
    expect(entryLabel(entry({ type: 'rider', rider_id: 'r1' }), rider)).toBe(
      'Ravi R. is your delivery partner',
    );
    expect(entryLabel(entry({ from: 'FAILED', to: 'OUT_FOR_DELIVERY' }), rider)).toBe(
      'Out for delivery again',
    );
  });
});
