import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from './db.js';

/**
 * Live updates across processes: PostgreSQL NOTIFY → every process LISTENing → its server-sent
 * event streams. A notification sent inside a transaction is delivered only when it commits, so
 * nobody is told about a change that rolled back. Payloads stay small (ids); subscribers re-read,
 * once per topic and process however many streams watch it (`read`).
 */
const CHANNEL = 'cartwheel_events';

export type LiveEvent = { topic: string; type: string; data?: Record<string, unknown> };

/** Publishes on commit of `tx` (or at once outside a transaction). */
export async function publish(tx: DbOrTx, event: LiveEvent) {
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
}

type Listener = (event: LiveEvent) => void;

export type EventBus = {
  /** Resolves once this process is LISTENing: subscribe after it, then read state, and nothing is missed. */
  listening: () => Promise<void>;
  subscribe: (topic: string, listener: Listener) => () => void;
  /**
   * `load` shared by this process's streams of `topic`: one run at a time per topic and `what`, and a
   * call joins the run queued behind the current one while it has not started (it starts after the
   * call, so it sees every change committed before it). Subscribe first, then call it on each
   * notification: N streams of a topic cost one read per change instead of N. Only for reads whose
   * result is the same for every stream allowed on the topic; shape per viewer after it.
   */
  read: <T>(topic: string, what: string, load: () => Promise<T>) => Promise<T>;
  /** Streams open on this process, ended when the server shuts down (they never end by themselves). */
  streams: Set<() => void>;
  close: () => Promise<void>;
};

/**
 * One LISTEN connection per process, opened on first subscription and reopened if it drops
 * (subscribers keep their streams; they miss nothing durable since they re-read state).
 */
export function createEventBus(connectionString: string, log: FastifyBaseLogger): EventBus {
  const listeners = new Map<string, Set<Listener>>();
  const streams = new Set<() => void>();
  const reads = new Map<string, { tail: Promise<unknown>; queued?: Promise<unknown> }>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;

  function dispatch(payload: string | undefined) {
    if (!payload) return;
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      return;
    }
    for (const l of listeners.get(event.topic) ?? []) l(event);
  }

  function connect() {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString });
      c.on('notification', (msg) => dispatch(msg.payload));
      c.on('error', (err) => {
        log.warn({ err }, 'event bus: listen connection lost');
        client = undefined;
        connecting = undefined;
        c.end().catch(() => {});
        if (!closed && listeners.size) setTimeout(() => void connect()?.catch(() => {}), 1000).unref();
      });
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      client = c;
    })().catch((err: unknown) => {
      connecting = undefined;
      throw err;
    });
    return connecting;
  }

  return {
    listening: async () => {
      if (!client) await connect();
    },
    subscribe(topic, listener) {
      if (closed) throw new Error('event bus is closed');
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      if (!client) connect().catch((err: unknown) => log.error({ err }, 'event bus: cannot listen'));
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(topic);
      };
    },
    read<T>(topic: string, what: string, load: () => Promise<T>): Promise<T> {
      const key = `${topic}\n${what}`;
      const slot = reads.get(key) ?? { tail: Promise.resolve() };
      if (slot.queued) return slot.queued as Promise<T>;
      // setImmediate: the notifications of one commit arrive together and all join this run.
      const run: Promise<T> = slot.tail
        .catch(() => {})
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => {
          slot.queued = undefined;
          return load();
        });
      slot.tail = run;
      slot.queued = run;
      reads.set(key, slot);
      // Also marks a failure as handled here: each stream awaits it in its own queue, maybe later.
      void run
        .catch(() => {})
        .finally(() => {
          if (slot.tail === run) reads.delete(key);
        });
      return run;
    },
    streams,
    async close() {
      for (const stop of [...streams]) stop();
      closed = true;
      listeners.clear();
      await connecting?.catch(() => {});
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

/**
 * Turns a request into a server-sent event stream: sends `initial` events, then whatever `attach`
 * pushes, with a comment heartbeat so proxies keep the connection open. `attach` returns its
 * cleanup, run when the client goes away or the server closes.
 */
export function openEventStream(
  bus: EventBus,
  req: FastifyRequest,
  reply: FastifyReply,
  attach: (send: (event: string, data: unknown, id?: string) => void) => () => void,
  heartbeatMs = 15_000,
) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': req.id,
  });
  res.write('retry: 3000\n\n');
  const send = (event: string, data: unknown, id?: string) => {
    if (res.writableEnded) return;
    res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const detach = attach(send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  const stop = () => {
    bus.streams.delete(stop);
    clearInterval(heartbeat);
    detach();
    if (!res.writableEnded) res.end();
  };
  bus.streams.add(stop);
  req.raw.on('close', stop);
  return stop;
}
