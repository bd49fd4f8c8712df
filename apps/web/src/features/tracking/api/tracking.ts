import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../lib/api';
import { session, useSession } from '../../../lib/session';
import type { Tracking } from '../types';

export const trackingKey = (orderId: string) => ['tracking', orderId] as const;

export const trackingQuery = (orderId: string) =>
  queryOptions({
    queryKey: trackingKey(orderId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orders/{id}/track', { params: { path: { id: orderId } }, signal })),
  });

/** How fresh the tracker is: pushed by the server, polled because the stream failed, or neither. */
export type LiveMode = 'connecting' | 'live' | 'polling' | 'off';

/** Failed stream attempts in a row before polling takes over (it stops when the stream is back). */
const FAILURES_BEFORE_POLLING = 2;
const POLL_MS = 10_000;

/**
 * The order's tracking, kept current without a reload: server-sent events from
 * GET /orders/{id}/events write every change into the cache. A stream, so EventSource rather than
 * the typed client; it cannot send headers, so the access token goes in the query string; the stream is reopened with the new token whenever
 * the session refreshes it, resuming after the last event seen (`last_event_id`) so nothing is
 * missed. While the stream keeps failing, /track is polled instead.
 */
export function useLiveTracking(orderId: string, live: boolean) {
  const queryClient = useQueryClient();
  // A new session snapshot means new tokens (refresh, or sign-in elsewhere): reconnect with them.
  const sessionState = useSession();
  const signedIn = !!sessionState.user;
  const [mode, setMode] = useState<LiveMode>('off');
  const lastEventId = useRef<string | null>(null);
  const streamable = live && signedIn && typeof EventSource !== 'undefined';

  useEffect(() => {
    if (!streamable) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let failures = 0;
    let stopped = false;

    const connect = async () => {
      const token = await session.accessToken().catch(() => null);
      if (stopped) return;
      if (!token) return setMode('polling');
      const params = new URLSearchParams({ access_token: token });
      if (lastEventId.current) params.set('last_event_id', lastEventId.current);
      source = new EventSource(`/api/v1/orders/${orderId}/events?${params}`);
      setMode((m) => (m === 'polling' ? m : 'connecting'));
      source.addEventListener('tracking', (e) => {
        const msg = e as MessageEvent<string>;
        failures = 0;
        delay = 1000;
        if (msg.lastEventId) lastEventId.current = msg.lastEventId;
        queryClient.setQueryData(trackingKey(orderId), JSON.parse(msg.data) as Tracking);
        setMode('live');
      });
      // The order itself moved (confirmed, packed, delivered, refunded…): its page data is stale.
      source.addEventListener('order_status', () => {
        void queryClient.invalidateQueries({ queryKey: ['orders', orderId], exact: true });
        void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
      });
      source.onerror = () => {
        // Take over from the browser's own retry: the next attempt may need a fresh token.
        source?.close();
        if (stopped) return;
        failures += 1;
        if (failures >= FAILURES_BEFORE_POLLING) setMode('polling');
        retry = setTimeout(() => void connect(), delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      setMode('off');
    };
  }, [orderId, streamable, sessionState, queryClient]);

  // No EventSource at all (or signed out mid-way): polling is all there is.
  const effective: LiveMode = !live ? 'off' : streamable ? mode : 'polling';
  const query = useQuery({
    ...trackingQuery(orderId),
    refetchInterval: effective === 'polling' ? POLL_MS : false,
  });
  return { ...query, mode: effective };
}
