import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppError } from './errors.js';

/**
 * Fixed-window rate limits, counted in-process or in Redis (shared by every replica) when
 * REDIS_URL is set. Written here rather than with @fastify/rate-limit because that plugin runs
 * only the first limiter of a request, and sign-in needs two: per client IP and per account.
 */

export type Limiter = {
  hit: (key: string, max: number, windowMs: number) => Promise<{ allowed: boolean; retryAfterMs: number }>;
};

export function memoryLimiter(): Limiter {
  const windows = new LRUCache<string, { count: number; resetAt: number }>({ max: 100_000 });
  return {
    hit: async (key, max, windowMs) => {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w, { ttl: windowMs });
      }
      w.count++;
      return { allowed: w.count <= max, retryAfterMs: w.resetAt - now };
    },
  };
}

const HIT_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

export function redisLimiter(redis: Redis, prefix: string, onError: (err: unknown) => void): Limiter {
  return {
    hit: async (key, max, windowMs) => {
      try {
        const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `${prefix}rl:${key}`, windowMs)) as [
          number,
          number,
        ];
        return { allowed: count <= max, retryAfterMs: Math.max(ttl, 0) };
      } catch (err) {
        // A Redis outage must not take sign-in down with it.
        onError(err);
        return { allowed: true, retryAfterMs: 0 };
      }
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Limits for the sign-in family of routes: per client IP and per account (email in the body). */
    authRateLimits: { perIp: preHandlerHookHandler; perAccount: preHandlerHookHandler };
  }
}

type Options = { limiter: Limiter; perIp: number; perAccount: number; windowMs: number };

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, opts: Options) => {
    const guard =
      (
        scope: string,
        max: number,
        keyOf: (req: FastifyRequest) => string | undefined,
      ): preHandlerHookHandler =>
      async (req, reply) => {
        const key = keyOf(req);
        if (!key) return;
        const { allowed, retryAfterMs } = await opts.limiter.hit(`${scope}:${key}`, max, opts.windowMs);
        if (allowed) return;
        const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
        void reply.header('retry-after', String(seconds));
        throw new AppError(429, 'RATE_LIMITED', `Too many attempts; retry in ${seconds} seconds`);
      };
    app.decorate('authRateLimits', {
      perIp: guard('auth-ip', opts.perIp, (req) => req.ip),
      perAccount: guard('auth-account', opts.perAccount, (req) => {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
      }),
    });
  },
  { name: 'rate-limit' },
);
