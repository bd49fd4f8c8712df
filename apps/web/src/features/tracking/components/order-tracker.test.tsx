import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderApp, signIn } from '../../../test/app';
import type { DeliveryStatus, Tracking, TrackingEntry } from '../types';
import { OrderTracker } from './order-tracker';

const ORDER = '9a1b2c3d-0000-4000-8000-0000000000f1';
const RIDER = '9a1b2c3d-0000-4000-8000-0000000000f2';

/** Stands in for the browser's EventSource: the test emits the server's events. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(public url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown, id: string) {
    const e = new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id });
    act(() => this.listeners.get(type)?.forEach((fn) => fn(e)));
  }
  fail() {
    act(() => this.onerror?.());
  }
}

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

function tracking(status: DeliveryStatus, history: DeliveryStatus[], rider = false): Tracking {
  const entries: TrackingEntry[] = history.map((to, i) => ({
    seq: i + 1,
    type: 'status',
    from: i ? history[i - 1]! : null,
    to,
    rider_id: null,
    actor_id: null,
    note: null,
    eta_at: null,
    at: '2026-01-01T10:00:00.000Z',
  }));
  return {
    order_id: ORDER,
    order_number: 'CW-1001',
    delivery_id: '9a1b2c3d-0000-4000-8000-0000000000f3',
    status,
    eta_at: minutesFromNow(12),
    eta_minutes: 12,
    rider: rider ? { id: RIDER, name: 'Ravi Rao' } : null,
    dropoff: null,
    delivered_at: null,
    history: entries,
    last_event_id: entries.length,
  };
}

const currentStep = () =>
  within(screen.getByRole('list', { name: 'Delivery progress' }))
    .getAllByRole('listitem')
    .find((li) => li.getAttribute('aria-current') === 'step');

describe('OrderTracker', () => {
  it('puts the delivery on its step and moves along the moment the stream says so', async () => {
    signIn();
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    mockApi({ 'GET /api/v1/orders/{id}/track': () => tracking('PLACED', ['PLACED']) });
    renderApp(<OrderTracker orderId={ORDER} live />);

    expect(await screen.findByRole('heading', { name: 'Packing your order' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Order placed');
    expect(screen.getByTestId('tracking-eta')).toHaveTextContent('Arriving in ~12 min');

    const stream = FakeEventSource.opened[0]!;
    expect(stream.url).toBe(`/api/v1/orders/${ORDER}/events?access_token=access-token`);
    stream.emit(
      'tracking',
      tracking('OUT_FOR_DELIVERY', ['PLACED', 'PACKED', 'OUT_FOR_DELIVERY'], true),
      '3',
    );
    expect(screen.getByRole('heading', { name: 'On the way' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('On the way');
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByTestId('rider-card')).toHaveTextContent('Ravi Rao');

    stream.emit(
      'tracking',
      tracking('DELIVERED', ['PLACED', 'PACKED', 'OUT_FOR_DELIVERY', 'DELIVERED']),
      '4',
    );
    expect(screen.getByRole('heading', { name: 'Delivered' })).toBeInTheDocument();
    expect(screen.queryByTestId('tracking-eta')).not.toBeInTheDocument();
  });

  it('resumes after the last event it saw, and polls while the stream keeps failing', async () => {
    signIn();
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    mockApi({ 'GET /api/v1/orders/{id}/track': () => tracking('PACKED', ['PLACED', 'PACKED']) });
    renderApp(<OrderTracker orderId={ORDER} live />);
    await screen.findByRole('heading', { name: 'Packed and ready' });

    const first = FakeEventSource.opened[0]!;
    first.emit('tracking', tracking('PACKED', ['PLACED', 'PACKED']), '7');
    first.fail();
    expect(first.closed).toBe(true);
    // Reconnects after a second, from event 7 on.
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2), { timeout: 2000 });
    expect(FakeEventSource.opened[1]!.url).toContain('last_event_id=7');

    FakeEventSource.opened[1]!.fail();
    expect(await screen.findByText('Updating every few seconds')).toBeInTheDocument();
  });

  it('shows a cancelled delivery stopped at the step it reached', async () => {
    signIn();
    mockApi({
      'GET /api/v1/orders/{id}/track': () => tracking('CANCELLED', ['PLACED', 'PACKED', 'CANCELLED']),
    });
    renderApp(<OrderTracker orderId={ORDER} live={false} />);
    expect(await screen.findByRole('heading', { name: 'Delivery cancelled' })).toBeInTheDocument();
    expect(currentStep()).toBeUndefined();
    expect(screen.getByTestId('tracking-progress')).toHaveStyle({ width: `${(1 / 3) * 100}%` });
  });
});
