import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives the typed `Config`.
 * A bad environment fails at boot with every problem listed at once.
 */

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['on', 'true', '1', 'yes'].includes(v));

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration like 900s, 15m, 30d')
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    const unit = v.replace(/^\d+/, '');
    const ms = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
    return n * ms;
  });

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Cartwheel <no-reply@cartwheel.local>'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: duration.default(900_000),
  REFRESH_TOKEN_TTL: duration.default(30 * 86_400_000),
  EMAIL_TOKEN_TTL: duration.default(86_400_000),
  RESET_TOKEN_TTL: duration.default(3_600_000),
  CORS_ORIGINS: z.string().default(''),
  WORKER: z.enum(['on', 'off', 'only']).default('on'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  SEED_DEMO: bool.optional(),
  AUTH_RATE_LIMIT_IP: z.coerce.number().int().min(1).default(30),
  AUTH_RATE_LIMIT_ACCOUNT: z.coerce.number().int().min(1).default(10),
  AUTH_RATE_LIMIT_WINDOW: duration.default(60_000),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_DURATION: duration.default(15 * 60_000),
  TRUST_PROXY: bool.default(false),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10_485_760), // 10 MiB
  UPLOAD_DIR: z.string().optional(),
  CACHE: bool.default(true),
  CACHE_TTL: duration.default(60_000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  dataDir: string;
  /** Unset means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  embeddedPgPort: number;
  redisUrl: string | undefined;
  /** Prefix for every Redis key, so several deployments (or test files) can share one Redis. */
  redisPrefix: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Unset outside production: main.ts generates one and keeps it in dataDir. */
  jwtSecret: string | undefined;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  emailTokenTtlMs: number;
  resetTokenTtlMs: number;
  corsOrigins: string[];
  worker: 'on' | 'off' | 'only';
  workerConcurrency: number;
  seedDemo: boolean;
  authRateLimit: { perIp: number; perAccount: number; windowMs: number };
  lockout: { threshold: number; durationMs: number };
  trustProxy: boolean;
  /** Largest accepted upload (product images), enforced while the body streams in. */
  uploadMaxBytes: number;
  /** Read-through cache for catalog reads (in-process, or Redis when REDIS_URL is set). */
  cache: { enabled: boolean; ttlMs: number };
  /** Uploaded and generated files (product images, exports); defaults to <DATA_DIR>/files. */
  uploadDir: string;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env conventions.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) problems.push('JWT_SECRET: required in production');
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) problems.push('DATABASE_URL: required in production');
  if (e.NODE_ENV === 'production' && e.SEED_DEMO)
    problems.push('SEED_DEMO: demo accounts are never seeded in production');
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    redisUrl: e.REDIS_URL,
    redisPrefix: 'cw:',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jwtSecret: e.JWT_SECRET,
    accessTokenTtlMs: e.ACCESS_TOKEN_TTL,
    refreshTokenTtlMs: e.REFRESH_TOKEN_TTL,
    emailTokenTtlMs: e.EMAIL_TOKEN_TTL,
    resetTokenTtlMs: e.RESET_TOKEN_TTL,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    worker: e.WORKER,
    workerConcurrency: e.WORKER_CONCURRENCY,
    // The demo data is for the zero-setup start; a real database gets it only when asked.
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    authRateLimit: {
      perIp: e.AUTH_RATE_LIMIT_IP,
      perAccount: e.AUTH_RATE_LIMIT_ACCOUNT,
      windowMs: e.AUTH_RATE_LIMIT_WINDOW,
    },
    lockout: { threshold: e.LOGIN_LOCKOUT_THRESHOLD, durationMs: e.LOGIN_LOCKOUT_DURATION },
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    cache: { enabled: e.CACHE, ttlMs: e.CACHE_TTL },
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'files')),
  };
}
