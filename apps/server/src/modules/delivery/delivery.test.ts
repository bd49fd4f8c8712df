import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commerceFixture, stockOf, type Shopper } from '../../test/commerce.js';
import {
  call,
  createSiblingApp,
  createTestApp,
  lastMail,
  signedIn,
  type TestApp,
} from '../../test/harness.js';
import { enqueue } from '../../platform/queue.js';
import { simulationWatchdogJob } from './jobs.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof commerceFixture>>;

beforeAll(async () => {
  // A short heartbeat so the stream test can see one; everything else is the default.
  t = await createTestApp({ DELIVERY_STREAM_HEARTBEAT: '200ms' });
  f = await commerceFixture(t);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const api = (method: Method, url: string, token?: string, body?: unknown, app: TestApp = t) =>
  call(app.app, method, `/api/v1${url}`, { token, body, headers: {} });

const CARD = {
  number: '4242 4242 4242 4242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 2,
  cvc: '123',
};

/** A confirmed cash-on-delivery order of `units` units (its delivery is PLACED). */
async function order(u: Shopper, opts: { units?: number; app?: TestApp; fx?: typeof f; card?: string } = {}) {
  const app = opts.app ?? t;
  const fx = opts.fx ?? f;
  const p = await fx.product({ stock: 20 });
  const add = await api(
    'POST',
    '/cart/items',
    u.token,
    { variant_id: p.variantId, quantity: opts.units ?? 3 },
    app,
  );
  if (add.status !== 200) throw new Error(JSON.stringify(add.body));
  const res = await call(app.app, 'POST', '/api/v1/orders/checkout', {
    token: u.token,
    headers: { 'idempotency-key': randomUUID() },
    body: opts.card
      ? { payment_method: 'sandbox', card: { ...CARD, number: opts.card } }
      : { payment_method: 'cod' },
  });
  if (res.status !== 201) throw new Error(`checkout: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, number: res.body.number as string, variantId: p.variantId };
}

const track = (orderId: string, token: string) => api('GET', `/orders/${orderId}/track`, token);

async function deliveryOf(orderId: string) {
  const res = await api('GET', `/admin/deliveries?order_id=${orderId}`, f.staff);
  expect(res.body.items).toHaveLength(1);
  return res.body.items[0] as { id: string; status: string; rider_id: string | null };
}

const count = async (sqlText: string, params: unknown[] = []) =>
  Number((await t.database.pool.query(sqlText, params)).rows[0].n);

const minutesUntil = (iso: string) => (new Date(iso).getTime() - Date.now()) / 60_000;

describe('delivery lifecycle (DLV-1, DLV-2, DLV-3, DLV-6)', () => {
  it('starts PLACED at confirmation and moves to DELIVERED with the order, emails, ETA and history following', async () => {
    const u = await f.shopper();
    const o = await order(u, { units: 5 });
    const rider = await signedIn(t, 'rider');

    // PLACED: store base (10) + pick time ceil(0.5 × 5) = 13 minutes, as the order's own eta_minutes.
    const placed = await track(o.id, u.token);
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({
      order_id: o.id,
      order_number: o.number,
      status: 'PLACED',
      rider: null,
    });
    expect(placed.body.eta_minutes).toBe(13);
    expect(minutesUntil(placed.body.eta_at)).toBeCloseTo(13, 0);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.eta_minutes).toBe(13);
    expect(placed.body.history).toEqual([
      expect.objectContaining({ type: 'status', from: null, to: 'PLACED', actor_id: null }),
    ]);
    expect(placed.body.dropoff).toMatchObject({ line1: '10 Market St' });
    expect((await lastMail(t, u.email, 'order_confirmed'))?.subject).toContain(o.number);

    const d = await deliveryOf(o.id);
    const assigned = await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: rider.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.rider_id).toBe(rider.id);
    expect(assigned.body.rider).toEqual({ id: rider.id, name: 'Test U.' });

    // The rider sees it among their deliveries.
    const mine = await api('GET', '/rider/deliveries?open=true', rider.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([d.id]);

    const advance = (status: string, note?: string) =>
      api('POST', `/rider/deliveries/${d.id}/advance`, rider.token, { status, ...(note ? { note } : {}) });

    const packed = await advance('PACKED');
    expect(packed.status, JSON.stringify(packed.body)).toBe(200);
    expect(packed.body.status).toBe('PACKED');
    // Packed: the pick time is gone, the base time counts from now.
    expect(packed.body.eta_minutes).toBe(10);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('packed');
    expect((await lastMail(t, u.email, 'order_packed'))?.subject).toContain(o.number);

    const out = await advance('OUT_FOR_DELIVERY');
    expect(out.status).toBe(200);
    // Out for delivery: the configured travel time (8 minutes by default).
    expect(out.body.eta_minutes).toBe(8);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('out_for_delivery');
    expect((await lastMail(t, u.email, 'order_out_for_delivery'))?.subject).toContain(o.number);

    const done = await advance('DELIVERED', 'Left with the concierge');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'DELIVERED', eta_at: null, eta_minutes: null });
    expect(done.body.delivered_at).not.toBeNull();
    const finalOrder = (await api('GET', `/orders/${o.id}`, u.token)).body;
    expect(finalOrder.status).toBe('delivered');
    // Cash on delivery is collected at the door.
    expect(finalOrder.payment).toMatchObject({ method: 'cod', status: 'completed' });
    expect((await lastMail(t, u.email, 'order_delivered'))?.subject).toContain(o.number);

    const final = await track(o.id, u.token);
    expect(final.body.rider).toEqual({ id: rider.id, name: 'Test U.' });
    expect(
      final.body.history.map(
        (e: { type: string; from: string | null; to: string; actor_id: string | null }) => [
          e.type,
          e.from,
          e.to,
          e.actor_id,
        ],
      ),
    ).toEqual([
      ['status', null, 'PLACED', null],
      ['rider', 'PLACED', 'PLACED', await staffId()],
      ['status', 'PLACED', 'PACKED', rider.id],
      ['status', 'PACKED', 'OUT_FOR_DELIVERY', rider.id],
      ['status', 'OUT_FOR_DELIVERY', 'DELIVERED', rider.id],
    ]);
    expect(final.body.history.at(-1).note).toBe('Left with the concierge');
    const seqs = final.body.history.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(final.body.last_event_id).toBe(seqs.at(-1));
    // Closed: no longer among the rider's open deliveries; still listed with status=DELIVERED.
    expect((await api('GET', '/rider/deliveries?open=true', rider.token)).body.items).toEqual([]);
    expect((await api('GET', '/rider/deliveries?status=DELIVERED', rider.token)).body.total).toBe(1);
  });

  it('a failed attempt mails the shopper, keeps the order out for delivery, and a second attempt delivers', async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    for (const status of ['PACKED', 'OUT_FOR_DELIVERY'])
      expect((await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status })).status).toBe(200);
    const failed = await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, {
      status: 'FAILED',
      note: 'Nobody home',
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'FAILED', eta_at: null });
    const mail = await lastMail(t, u.email, 'delivery_failed');
    expect(mail?.subject).toContain(o.number);
    expect(mail?.text).toContain('Nobody home');
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('out_for_delivery');

    const again = await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, {
      status: 'OUT_FOR_DELIVERY',
    });
    expect(again.status).toBe(200);
    expect(again.body.eta_minutes).toBe(8);
    expect(
      (await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'DELIVERED' })).status,
    ).toBe(200);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('delivered');
  });

  it('is closed when the order is cancelled, and staff cancelling the delivery cancels the order', async () => {
    const u = await f.shopper();
    const viaOrder = await order(u);
    expect(
      (await api('POST', `/orders/${viaOrder.id}/cancel`, u.token, { reason: 'Changed my mind' })).status,
    ).toBe(200);
    const closed = await track(viaOrder.id, u.token);
    expect(closed.body).toMatchObject({ status: 'CANCELLED', eta_at: null });
    expect(closed.body.history.at(-1)).toMatchObject({
      from: 'PLACED',
      to: 'CANCELLED',
      note: 'Changed my mind',
    });

    const viaDelivery = await order(u, { units: 2 });
    const d = await deliveryOf(viaDelivery.id);
    expect(
      (await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'PACKED' })).status,
    ).toBe(200);
    const before = await stockOf(t, f.store.id, viaDelivery.variantId);
    const cancelled = await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, {
      status: 'CANCELLED',
      note: 'Damaged',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const o = (await api('GET', `/orders/${viaDelivery.id}`, u.token)).body;
    expect(o).toMatchObject({ status: 'cancelled', cancel_reason: 'Damaged' });
    // The order's cancellation returned the committed stock: one path for every cancellation.
    expect((await stockOf(t, f.store.id, viaDelivery.variantId)).on_hand).toBe(before.on_hand + 2);
    expect((await lastMail(t, u.email, 'order_cancelled'))?.subject).toContain(viaDelivery.number);
    // Exactly one CANCELLED entry, written by the order's hook.
    expect(
      cancelled.body.history.filter(
        (e: { to: string; type: string }) => e.type === 'status' && e.to === 'CANCELLED',
      ),
    ).toHaveLength(1);
  });

  it('catches up when staff moved the order itself', async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    for (const status of ['packed', 'out_for_delivery'])
      expect((await api('POST', `/admin/orders/${o.id}/status`, f.staff, { status })).status).toBe(200);
    for (const status of ['PACKED', 'OUT_FOR_DELIVERY'])
      expect((await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status })).status).toBe(200);
    expect(
      await count(`select count(*) n from order_events where order_id = $1 and to_status = 'packed'`, [o.id]),
    ).toBe(1);
    expect(
      (await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'DELIVERED' })).status,
    ).toBe(200);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('delivered');
  });

  it('an order awaiting payment has no delivery yet; tracking says so', async () => {
    const u = await f.shopper();
    const o = await order(u, { card: '4000002500003155' });
    const res = await track(o.id, u.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      order_id: o.id,
      status: null,
      delivery_id: null,
      history: [],
      last_event_id: null,
    });
    expect(await count('select count(*) n from deliveries where order_id = $1', [o.id])).toBe(0);
  });
});

async function staffId() {
  const me = await api('GET', '/auth/me', f.staff);
  return me.body.id as string;
}

describe('bad paths: a clear 4xx and nothing changed', () => {
  it('rejects an invalid transition with 409 naming both statuses', async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    const res = await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'DELIVERED' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.detail).toContain('PLACED');
    expect(res.body.detail).toContain('DELIVERED');
    expect(res.body.errors[0].message).toBe('allowed from PLACED: PACKED, CANCELLED');
    // Out for delivery cannot be cancelled (the order says the same).
    for (const status of ['PACKED', 'OUT_FOR_DELIVERY'])
      await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status });
    const cancel = await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'CANCELLED' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.detail).toBe('A delivery that is OUT_FOR_DELIVERY cannot become CANCELLED');
    expect((await track(o.id, u.token)).body.history).toHaveLength(3);
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('out_for_delivery');
    // Unknown status: a validation error naming the field.
    const bogus = await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'LOST' });
    expect([400, 422]).toContain(bogus.status);
    expect(JSON.stringify(bogus.body.errors)).toContain('status');
  });

  it("hides another user's order (404), a missing order (404), and needs sign-in (401)", async () => {
    const owner = await f.shopper();
    const other = await f.shopper();
    const o = await order(owner);
    expect((await track(o.id, other.token)).status).toBe(404);
    expect((await track(randomUUID(), owner.token)).status).toBe(404);
    expect((await api('GET', `/orders/${o.id}/track`)).status).toBe(401);
    const malformed = await api('GET', `/orders/not-a-uuid/track`, owner.token);
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0].field).toContain('id');
    // Staff see any order's tracking.
    expect((await track(o.id, f.staff)).status).toBe(200);
    // Only riders have a rider list; only staff the board.
    expect((await api('GET', '/rider/deliveries', owner.token)).status).toBe(403);
    expect((await api('GET', '/admin/deliveries', owner.token)).status).toBe(403);
  });

  it('assigns only active riders (422) and only to open deliveries (409)', async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    for (const riderId of [u.id, randomUUID()]) {
      const res = await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: riderId });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NOT_A_RIDER');
      expect(res.body.errors[0].field).toBe('rider_id');
    }
    const suspended = await signedIn(t, 'rider');
    await t.database.pool.query(`update users set status = 'suspended' where id = $1`, [suspended.id]);
    expect(
      (await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: suspended.id })).status,
    ).toBe(422);
    expect((await deliveryOf(o.id)).rider_id).toBeNull();
    expect(
      (await api('POST', `/admin/deliveries/${randomUUID()}/assign`, f.staff, { rider_id: u.id })).status,
    ).toBe(404);

    const rider = await signedIn(t, 'rider');
    await api('POST', `/orders/${o.id}/cancel`, u.token, { reason: 'No longer needed' });
    const late = await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: rider.id });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DELIVERY_CLOSED');
  });

  it("a rider cannot move someone else's delivery (404) or cancel one (validation)", async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    const mine = await signedIn(t, 'rider');
    const other = await signedIn(t, 'rider');
    await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: mine.id });
    const res = await api('POST', `/rider/deliveries/${d.id}/advance`, other.token, { status: 'PACKED' });
    expect(res.status).toBe(404);
    expect((await api('GET', '/rider/deliveries', other.token)).body.items).toEqual([]);
    const cancel = await api('POST', `/rider/deliveries/${d.id}/advance`, mine.token, {
      status: 'CANCELLED',
    });
    expect([400, 422]).toContain(cancel.status);
    expect((await deliveryOf(o.id)).status).toBe('PLACED');
    expect((await api('GET', `/orders/${o.id}`, u.token)).body.status).toBe('confirmed');
  });

  it('two concurrent advances: one wins, the other is a 409, and the history has one entry', async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    const rider = await signedIn(t, 'rider');
    await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: rider.id });
    const results = await Promise.all([
      api('POST', `/rider/deliveries/${d.id}/advance`, rider.token, { status: 'PACKED' }),
      api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: 'PACKED' }),
      api('POST', `/rider/deliveries/${d.id}/advance`, rider.token, { status: 'PACKED' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(
      await count(
        `select count(*) n from delivery_events where delivery_id = $1 and to_status = 'PACKED' and kind = 'status'`,
        [d.id],
      ),
    ).toBe(1);
    expect(
      await count(`select count(*) n from order_events where order_id = $1 and to_status = 'packed'`, [o.id]),
    ).toBe(1);
    expect(
      await count(`select count(*) n from mail_outbox where template = 'order_packed' and "to" = $1`, [
        u.email,
      ]),
    ).toBe(1);
  });
});

// ---- live tracking (DLV-4) -----------------------------------------------------------------------

type Frame = { id?: string; event?: string; data?: unknown; comment?: string };

/** A minimal EventSource over fetch: frames as they arrive, and a wait for the next matching one. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const frames: Frame[] = [];
  let waiters: (() => void)[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const frame: Frame = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) frame.comment = line.slice(1).trim();
              else if (line.startsWith('id: ')) frame.id = line.slice(4);
              else if (line.startsWith('event: ')) frame.event = line.slice(7);
              else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6));
            }
            frames.push(frame);
            const w = waiters;
            waiters = [];
            w.forEach((fn) => fn());
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  let cursor = 0;
  /** The next frame (after those already taken) that matches, within `ms`. */
  async function next(match: (f: Frame) => boolean, ms = 5000): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      while (cursor < frames.length) {
        const frame = frames[cursor++]!;
        if (match(frame)) return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return { res, frames, next, close: () => controller.abort() };
}

describe('live tracking across two app instances (DLV-4)', () => {
  let b: TestApp;
  let urlA: string;

  beforeAll(async () => {
    b = await createSiblingApp(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => b?.close());

  it('a change made through instance B reaches a stream opened on instance A; reconnects replay what was missed', async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    const rider = await signedIn(t, 'rider');

    const stream = await openStream(`${urlA}/orders/${o.id}/events?access_token=${u.token}`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
    const first = await stream.next((fr) => fr.event === 'tracking');
    expect(first.data).toMatchObject({ status: 'PLACED', order_id: o.id });
    const placedSeq = (first.data as { last_event_id: number }).last_event_id;
    expect(first.id).toBe(String(placedSeq));

    // Through B (another replica on the same database): assign, then advance.
    expect(
      (await api('POST', `/admin/deliveries/${d.id}/assign`, f.staff, { rider_id: rider.id }, b)).status,
    ).toBe(200);
    const assigned = await stream.next((fr) => fr.event === 'rider');
    expect(assigned.data).toMatchObject({ type: 'rider', rider_id: rider.id });
    expect(Number(assigned.id)).toBeGreaterThan(placedSeq);
    expect((await stream.next((fr) => fr.event === 'tracking')).data).toMatchObject({
      rider: { id: rider.id },
    });

    const packed = await api(
      'POST',
      `/rider/deliveries/${d.id}/advance`,
      rider.token,
      { status: 'PACKED' },
      b,
    );
    expect(packed.status).toBe(200);
    const status = await stream.next((fr) => fr.event === 'status');
    expect(status.data).toMatchObject({ from: 'PLACED', to: 'PACKED', actor_id: rider.id });
    // The order's own status change (published by the orders module in the same transaction).
    expect(stream.frames.find((fr) => fr.event === 'order_status')?.data).toEqual({
      order_id: o.id,
      status: 'packed',
    });
    const afterPacked = await stream.next((fr) => fr.event === 'tracking');
    expect(afterPacked.data).toMatchObject({ status: 'PACKED', eta_minutes: 10 });
    // Heartbeats keep proxies from closing an idle stream.
    await stream.next((fr) => fr.comment === 'keep-alive', 2000);
    stream.close();

    // Missed while disconnected: out for delivery, then delivered.
    for (const s of ['OUT_FOR_DELIVERY', 'DELIVERED'])
      expect(
        (await api('POST', `/rider/deliveries/${d.id}/advance`, rider.token, { status: s }, b)).status,
      ).toBe(200);
    const resumed = await openStream(`${urlA}/orders/${o.id}/events`, {
      authorization: `Bearer ${u.token}`,
      'last-event-id': status.id!,
    });
    const replayed = [
      await resumed.next((fr) => fr.event === 'status'),
      await resumed.next((fr) => fr.event === 'status'),
    ];
    expect(replayed.map((fr) => (fr.data as { to: string }).to)).toEqual(['OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(Number(replayed[0]!.id)).toBeGreaterThan(Number(status.id));
    const now = await resumed.next((fr) => fr.event === 'tracking');
    expect(now.data).toMatchObject({ status: 'DELIVERED', eta_at: null });
    expect(now.id).toBe(replayed[1]!.id);
    // Nothing replayed twice: no status frame before the first missed one.
    expect(resumed.frames.filter((fr) => fr.event === 'status')).toHaveLength(2);
    resumed.close();
  });

  it("an order's streams share one read per change, and every one of them gets the change", async () => {
    const u = await f.shopper();
    const o = await order(u);
    const d = await deliveryOf(o.id);
    // The owner in four tabs and staff in one: the same view, so one read serves them all.
    const streams = await Promise.all(
      [u.token, u.token, u.token, u.token, f.staff].map((token) =>
        openStream(`${urlA}/orders/${o.id}/events?access_token=${token}`),
      ),
    );
    for (const s of streams) await s.next((fr) => fr.event === 'tracking');
    const reads = vi.spyOn(t.app.services.delivery, 'streamState');
    try {
      for (const [i, to] of ['PACKED', 'OUT_FOR_DELIVERY'].entries()) {
        // Through B: the order's status and the delivery's event, two notifications of one commit.
        expect(
          (await api('POST', `/admin/deliveries/${d.id}/status`, f.staff, { status: to }, b)).status,
        ).toBe(200);
        for (const s of streams) {
          expect((await s.next((fr) => fr.event === 'status')).data).toMatchObject({ to });
          expect((await s.next((fr) => fr.event === 'tracking')).data).toMatchObject({ status: to });
        }
        expect(reads).toHaveBeenCalledTimes(i + 1);
      }
      // Nothing sent twice although each stream had two notifications per change.
      for (const s of streams) expect(s.frames.filter((fr) => fr.event === 'status')).toHaveLength(2);
    } finally {
      reads.mockRestore();
      streams.forEach((s) => s.close());
    }
  });

  it('the stream is for the owner or staff: 401 without a token, 404 for others and for missing orders', async () => {
    const owner = await f.shopper();
    const other = await f.shopper();
    const o = await order(owner);
    const anonymous = await fetch(`${urlA}/orders/${o.id}/events`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${urlA}/orders/${o.id}/events?access_token=not-a-token`);
    expect(bad.status).toBe(401);
    const foreign = await fetch(`${urlA}/orders/${o.id}/events?access_token=${other.token}`);
    expect(foreign.status).toBe(404);
    const missing = await fetch(`${urlA}/orders/${randomUUID()}/events?access_token=${owner.token}`);
    expect(missing.status).toBe(404);
    const staffStream = await openStream(`${urlA}/orders/${o.id}/events?access_token=${f.staff}`);
    expect((await staffStream.next((fr) => fr.event === 'tracking')).data).toMatchObject({
      status: 'PLACED',
    });
    staffStream.close();
  });

  it('an unpaid order streams from before its delivery exists until it is placed', async () => {
    const u = await f.shopper();
    const o = await order(u, { card: '4000002500003155' });
    const stream = await openStream(`${urlA}/orders/${o.id}/events?access_token=${u.token}`);
    expect((await stream.next((fr) => fr.event === 'tracking')).data).toMatchObject({ status: null });
    // Staff confirm it through B (as a settled payment would): the delivery appears on A's stream.
    const confirmed = await api('POST', `/admin/orders/${o.id}/status`, f.staff, { status: 'confirmed' }, b);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect((await stream.next((fr) => fr.event === 'status')).data).toMatchObject({
      from: null,
      to: 'PLACED',
    });
    expect((await stream.next((fr) => fr.event === 'tracking')).data).toMatchObject({ status: 'PLACED' });
    stream.close();
  });
});

// ---- simulation (DLV-5) --------------------------------------------------------------------------

describe('delivery simulation (DLV-5)', () => {
  it('is off unless enabled: the watchdog starts nothing', async () => {
    expect(t.config.delivery.simulation).toBe(false);
    await t.database.db.transaction((tx) => enqueue(tx, simulationWatchdogJob, {}));
    await t.drain();
    expect(await count(`select count(*) n from graphile_worker.jobs where key = 'delivery__simulate'`)).toBe(
      0,
    );
  });

  it('advances each open delivery one stage per interval with a simulated rider', async () => {
    const s = await createTestApp({ DELIVERY_SIMULATION: 'on', DELIVERY_SIMULATION_INTERVAL: '1s' });
    try {
      const fx = await commerceFixture(s);
      const rider = await signedIn(s, 'rider');
      const u = await fx.shopper();

      // The per-minute watchdog starts the chain (run by hand here: tests have no cron).
      await s.database.db.transaction((tx) => enqueue(tx, simulationWatchdogJob, {}));
      await s.drain();
      const sq = async () =>
        Number(
          (
            await s.database.pool.query(
              `select count(*) n from graphile_worker.jobs where key = 'delivery__simulate'`,
            )
          ).rows[0].n,
        );
      expect(await sq()).toBe(1);
      // Running the watchdog again (every minute, on any worker) leaves the live chain alone.
      const chainJob = async () =>
        (
          await s.database.pool.query(
            `select id, run_at from graphile_worker.jobs where key = 'delivery__simulate'`,
          )
        ).rows[0];
      const before = await chainJob();
      await s.database.db.transaction((tx) => enqueue(tx, simulationWatchdogJob, {}));
      await s.drain();
      expect(await chainJob()).toEqual(before);

      // Ordered once the chain runs: each tick from here on moves it exactly one stage.
      const o = await order(u, { app: s, fx });
      const statusOf = async () =>
        (await s.database.pool.query('select status, rider_id from deliveries where order_id = $1', [o.id]))
          .rows[0];
      expect((await statusOf()).status).toBe('PLACED');

      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1100));
        await s.drain();
        seen.push((await statusOf()).status);
        // The chain stays one job, scheduled for the next tick.
        expect(await sq()).toBe(1);
      }
      // One stage per tick, never two.
      expect(seen).toEqual(['PACKED', 'OUT_FOR_DELIVERY', 'DELIVERED']);
      expect((await statusOf()).rider_id).toBe(rider.id);
      const res = await call(s.app, 'GET', `/api/v1/orders/${o.id}/track`, { token: u.token });
      expect(res.body.rider.id).toBe(rider.id);
      expect(
        res.body.history
          .filter((e: { type: string }) => e.type === 'status')
          .map((e: { actor_id: string }) => e.actor_id),
      ).toEqual([null, rider.id, rider.id, rider.id]);
      const done = await call(s.app, 'GET', `/api/v1/orders/${o.id}`, { token: u.token });
      expect(done.body.status).toBe('delivered');
      expect(done.body.payment.status).toBe('completed');
    } finally {
      await s.close();
    }
  });
});
