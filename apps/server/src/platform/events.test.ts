import { describe, expect, it } from 'vitest';
import { createEventBus } from './events.js';

// `read` never touches the LISTEN connection: a bus that never connects is enough.
const bus = () => createEventBus('postgres://unused', { warn: () => {}, error: () => {} } as never);

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

/** Past the bus's own scheduling (a setImmediate after the previous read). */
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('shared reads per topic', () => {
  it('runs one load for every stream notified together, and each gets its result', async () => {
    const events = bus();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const results = await Promise.all(Array.from({ length: 10 }, () => events.read('order:1', 'view', load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r === results[0])).toBe(true);
    // Another topic, or another read of the same topic, is a read of its own.
    await events.read('order:2', 'view', load);
    await events.read('order:1', 'other', load);
    expect(loads).toBe(3);
  });

  it('never joins a read already running: a later notification gets a read started after it', async () => {
    const events = bus();
    const gates = [deferred<string>(), deferred<string>()];
    let started = 0;
    const load = () => gates[started++]!.promise;
    const first = events.read('cart:1', 'view', load);
    await settle();
    expect(started).toBe(1);
    // Notified while the first read runs: both wait for one new read, queued behind the first.
    const second = [events.read('cart:1', 'view', load), events.read('cart:1', 'view', load)];
    await settle();
    expect(started).toBe(1);
    gates[0]!.reject(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await settle();
    expect(started).toBe(2);
    gates[1]!.resolve('fresh');
    expect(await Promise.all(second)).toEqual(['fresh', 'fresh']);
  });
});
