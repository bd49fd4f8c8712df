import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Read-through cache for hot reads (catalog pages). Entries live under a namespace whose version
 * is bumped on every change to the underlying rows: after `invalidate(ns)`, nothing cached before
 * can be read again. In-process LRU by default; Redis (shared by every replica) when configured.
 */
export type Cache = {
  wrap: <T>(ns: string, key: string, load: () => Promise<T>) => Promise<T>;
  invalidate: (ns: string) => Promise<void>;
  enabled: boolean;
};

export function createCache(opts: {
  redis?: Redis;
  prefix: string;
  ttlMs: number;
  enabled: boolean;
  onError: (err: unknown) => void;
}): Cache {
  if (!opts.enabled) return { enabled: false, wrap: (_ns, _key, load) => load(), invalidate: async () => {} };
  return opts.redis ? redisCache(opts.redis, opts.prefix, opts.ttlMs, opts.onError) : memoryCache(opts.ttlMs);
}

function memoryCache(ttlMs: number): Cache {
  const entries = new LRUCache<string, { value: unknown }>({ max: 10_000, ttl: ttlMs });
  const versions = new Map<string, number>();
  // Concurrent misses for one key share a single load instead of stampeding the database.
  const loading = new Map<string, Promise<unknown>>();
  return {
    enabled: true,
    wrap: async <T>(ns: string, key: string, load: () => Promise<T>) => {
      const version = versions.get(ns) ?? 0;
      const full = `${ns}:${version}:${key}`;
      const hit = entries.get(full);
      if (hit) return hit.value as T;
      const pending = loading.get(full);
      if (pending) return pending as Promise<T>;
      const p = load()
        .then((value) => {
          // A change during the load bumped the version: don't store a possibly stale value.
          if ((versions.get(ns) ?? 0) === version) entries.set(full, { value });
          return value;
        })
        .finally(() => loading.delete(full));
      loading.set(full, p);
      return p;
    },
    invalidate: async (ns) => {
      versions.set(ns, (versions.get(ns) ?? 0) + 1);
    },
  };
}

function redisCache(redis: Redis, prefix: string, ttlMs: number, onError: (err: unknown) => void): Cache {
  const versionKey = (ns: string) => `${prefix}cache:${ns}:v`;
  return {
    enabled: true,
    wrap: async <T>(ns: string, key: string, load: () => Promise<T>) => {
      let full: string | undefined;
      try {
        const version = (await redis.get(versionKey(ns))) ?? '0';
        full = `${prefix}cache:${ns}:${version}:${key}`;
        const hit = await redis.get(full);
        if (hit !== null) return JSON.parse(hit) as T;
      } catch (err) {
        // The cache is an optimisation: with Redis down, read from the database.
        onError(err);
        return load();
      }
      const value = await load();
      redis.set(full, JSON.stringify(value), 'PX', ttlMs).catch(onError);
      return value;
    },
    invalidate: async (ns) => {
      await redis.incr(versionKey(ns));
    },
  };
}
