import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { openEventStream, type EventBus, type LiveEvent } from '../../platform/events.js';
import { problemResponses, secured } from '../../platform/http.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { orderTopic } from '../orders/index.js';
import { deliveryStatus } from './schema.js';
import type { DeliveryService } from './service.js';

const STATUSES = deliveryStatus.enumValues;
/** Riders move their deliveries along; cancelling is staff's (it cancels the order and refunds). */
const RIDER_STATUSES = STATUSES.filter((s) => s !== 'CANCELLED' && s !== 'PLACED') as [string, ...string[]];
const idParam = z.object({ id: z.uuid('Must be a UUID') });
const note = z.string().trim().min(1, 'Required').max(500);
const eventId = z.string().regex(/^\d{1,15}$/, 'An event id from this stream');

const address = z.object({
  full_name: z.string(),
  phone: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string(),
  country: z.string(),
});
const rider = z.object({ id: z.uuid(), name: z.string() });
const entry = z.object({
  seq: z.number().int().describe('Event id of this change in GET /orders/{id}/events'),
  type: z.enum(['status', 'rider']).describe('A status change, or a rider (re)assignment'),
  from: z.enum(STATUSES).nullable(),
  to: z.enum(STATUSES).describe('The status after this change'),
  rider_id: z.uuid().nullable(),
  actor_id: z.uuid().nullable().describe('Who made the change (null: the system)'),
  note: z.string().nullable(),
  eta_at: z.string().nullable(),
  at: z.string(),
});
const etaFields = {
  eta_at: z
    .string()
    .nullable()
    .describe('Expected delivery time, recomputed at every stage; null once closed'),
  eta_minutes: z.number().int().nullable().describe('Minutes left until eta_at (0 when overdue)'),
};
const tracking = z.object({
  order_id: z.uuid(),
  order_number: z.string().nullable(),
  delivery_id: z.uuid().nullable(),
  status: z
    .enum(STATUSES)
    .nullable()
    .describe('Null until the order is confirmed (paid, or cash on delivery)'),
  ...etaFields,
  rider: rider.nullable(),
  dropoff: address.nullable(),
  delivered_at: z.string().nullable(),
  history: z.array(entry),
  last_event_id: z.number().int().nullable(),
});
const summary = {
  id: z.uuid(),
  order_id: z.uuid(),
  order_number: z.string(),
  user_id: z.uuid(),
  store_id: z.uuid(),
  status: z.enum(STATUSES),
  rider_id: z.uuid().nullable(),
  dropoff: address,
  units: z.number().int(),
  ...etaFields,
  status_changed_at: z.string(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
};
const deliveryListItem = z.object(summary);
const delivery = z.object({ ...summary, rider: rider.nullable(), history: z.array(entry) });

export const deliveryRoutes: FastifyPluginAsyncZod<{
  delivery: DeliveryService;
  events: EventBus;
  heartbeatMs: number;
}> = async (app, opts) => {
  const { delivery: deliveries, events } = opts;
  const tags = ['delivery'];
  const staff = app.requireRole('staff', 'admin');
  const riderOnly = app.requireRole('rider');

  // ---- shopper (and staff) ------------------------------------------------------------------

  app.get(
    '/orders/:id/track',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary:
          "Delivery status, history, ETA and rider of my order (staff: any order); another user's is a 404",
        security: secured,
        params: idParam,
        response: { 200: tracking, ...problemResponses(401, 404) },
      },
    },
    async (req) => deliveries.track(actorOf(req), req.params.id),
  );

  // EventSource cannot send headers: the stream also takes the access token in the query.
  app.get(
    '/orders/:id/events',
    {
      onRequest: async (req) => {
        const q = req.query as { access_token?: string };
        if (q.access_token && !req.headers.authorization)
          req.headers.authorization = `Bearer ${q.access_token}`;
      },
      preHandler: app.authenticate,
      schema: {
        tags,
        summary:
          'Live tracking (server-sent events): `tracking` now and after every change; each change also as ' +
          '`status` / `rider` with its event id (reconnect with Last-Event-ID to replay what was missed); ' +
          "the order's own status changes as `order_status`",
        security: [...secured, {}],
        params: idParam,
        headers: z.object({ 'last-event-id': eventId.optional() }),
        querystring: z.object({
          access_token: z
            .string()
            .max(4096)
            .optional()
            .describe('For EventSource, which cannot send headers'),
          last_event_id: eventId.optional().describe('As the Last-Event-ID header, for a first connection'),
        }),
        response: { ...problemResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const orderId = req.params.id;
      await deliveries.assertCanWatch(actorOf(req), orderId);
      const resumeFrom = req.headers['last-event-id'] ?? req.query.last_event_id;
      // Listening before the first read: a change committed in between is then both read and notified.
      await events.listening();
      openEventStream(
        events,
        req,
        reply,
        (send) => {
          // Event ids are history sequence numbers (increasing per delivery, written under its row lock).
          let last = resumeFrom === undefined ? undefined : Number(resumeFrom);
          const topic = orderTopic(orderId);
          // One queue per stream, so its events go out in order however fast notifications arrive.
          let pending = Promise.resolve();
          const push = (event?: LiveEvent) => {
            // One read for all of this order's streams here: the view is the same for the owner and
            // staff, the only ones let in; what this stream has already sent is filtered per stream.
            const state = events.read(topic, 'tracking', () => deliveries.streamState(orderId));
            pending = pending
              .then(async () => {
                if (event?.type === 'status' && typeof event.data?.status === 'string')
                  send('order_status', { order_id: orderId, status: event.data.status });
                const view = await state;
                const missed = view.history.filter((e) => e.seq > (last ?? Number.MAX_SAFE_INTEGER));
                // A notification with nothing new for the delivery (the order's own event): no repeat.
                if (event && !missed.length) return;
                for (const e of missed) send(e.type, e, String(e.seq));
                send('tracking', view, view.last_event_id === null ? undefined : String(view.last_event_id));
                last = view.last_event_id ?? 0;
              })
              .catch((err: unknown) => req.log.warn({ err }, 'live tracking: refresh failed'));
          };
          const unsubscribe = events.subscribe(topic, push);
          push();
          return unsubscribe;
        },
        opts.heartbeatMs,
      );
    },
  );

  // ---- rider ---------------------------------------------------------------------------------

  app.get(
    '/rider/deliveries',
    {
      preHandler: riderOnly,
      schema: {
        tags,
        summary: 'Deliveries assigned to me, longest waiting first',
        security: secured,
        querystring: z.object({
          status: z.enum(STATUSES).optional(),
          open: z.enum(['true', 'false']).optional().describe('true: only the ones still to do'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(deliveryListItem), ...problemResponses(401, 403) },
      },
    },
    async (req) =>
      deliveries.listForRider(
        actorOf(req),
        { status: req.query.status, open: req.query.open === 'true' },
        req.query,
      ),
  );

  app.post(
    '/rider/deliveries/:id/advance',
    {
      preHandler: riderOnly,
      schema: {
        tags,
        summary:
          'Move my delivery to `status` (PACKED, OUT_FOR_DELIVERY, DELIVERED, or FAILED with a note); ' +
          'the order follows. Invalid transitions: 409; not mine: 404',
        security: secured,
        params: idParam,
        body: z.strictObject({
          status: z
            .enum(RIDER_STATUSES)
            .describe('The status to move to (naming it makes a repeated tap a 409, not a second step)'),
          note: note.optional(),
        }),
        response: { 200: delivery, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      deliveries.advanceAsRider(
        actorOf(req),
        req.params.id,
        req.body.status as (typeof STATUSES)[number],
        req.body.note,
      ),
  );

  // ---- staff ---------------------------------------------------------------------------------

  app.get(
    '/admin/deliveries',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: 'The delivery board, newest first (filter by status, rider, store, order, unassigned)',
        security: secured,
        querystring: z.object({
          status: z.enum(STATUSES).optional(),
          rider_id: z.uuid().optional(),
          store_id: z.uuid().optional(),
          order_id: z.uuid().optional(),
          unassigned: z.enum(['true', 'false']).optional().describe('true: open deliveries without a rider'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(deliveryListItem), ...problemResponses(401, 403) },
      },
    },
    async (req) =>
      deliveries.adminList(
        {
          status: req.query.status,
          riderId: req.query.rider_id,
          storeId: req.query.store_id,
          orderId: req.query.order_id,
          unassigned: req.query.unassigned === 'true',
        },
        req.query,
      ),
  );

  app.get(
    '/admin/deliveries/:id',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: 'One delivery with its history',
        security: secured,
        params: idParam,
        response: { 200: delivery, ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => deliveries.get(req.params.id),
  );

  app.post(
    '/admin/deliveries/:id/assign',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: 'Assign (or reassign) the rider; the user must be an active rider (422 otherwise)',
        security: secured,
        params: idParam,
        body: z.strictObject({ rider_id: z.uuid('Must be a UUID') }),
        response: { 200: delivery, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => deliveries.assignRider(actorOf(req), req.params.id, req.body.rider_id),
  );

  app.post(
    '/admin/deliveries/:id/status',
    {
      preHandler: staff,
      schema: {
        tags,
        summary:
          'Set any status the workflow allows (CANCELLED cancels the order: stock back, refund); ' +
          'invalid transitions: 409 naming both statuses',
        security: secured,
        params: idParam,
        body: z.strictObject({ status: z.enum(STATUSES), note: note.optional() }),
        response: { 200: delivery, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => deliveries.setStatus(actorOf(req), req.params.id, req.body.status, req.body.note),
  );
};
