import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * The route groups of the split deployment (deploy/k8s/overlays/split): the original design's four
 * services plus `ops` (staff back office: jobs, reports). app.ts maps each group to its routes.
 */
export const SERVICE_NAMES = ['user', 'catalog', 'cart-order', 'delivery', 'ops'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** `SERVICES=catalog,user` → the named groups in canonical order; unset → all; an error message otherwise. */
function parseServices(raw: string): ServiceName[] | string {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) return [...SERVICE_NAMES];
  const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (unknown.length)
    return `unknown service ${unknown.map((n) => `'${n}'`).join(', ')}; expected a comma-separated subset of ${SERVICE_NAMES.join(', ')}`;
  return SERVICE_NAMES.filter((n) => names.includes(n));
}

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
  SERVICES: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const services = parseServices(raw);
      if (typeof services === 'string') ctx.addIssue({ code: 'custom', message: services });
      return typeof services === 'string' ? z.NEVER : services;
    }),
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
  WEB_DIR: z.string().optional(),
  CACHE: bool.default(true),
  CACHE_TTL: duration.default(60_000),
  INVENTORY_SYNC_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((raw) =>
      raw
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/,
            'expected comma-separated host names, each optionally with :port',
          ),
      ),
    ),
  DELIVERY_FEE_CENTS: z.coerce.number().int().min(0).max(100_000).default(299),
  FREE_DELIVERY_THRESHOLD_CENTS: z.coerce.number().int().min(0).max(10_000_000).default(3500),
  SMALL_CART_THRESHOLD_CENTS: z.coerce.number().int().min(0).max(10_000_000).default(1000),
  SMALL_CART_FEE_CENTS: z.coerce.number().int().min(0).max(100_000).default(150),
  ORDER_PAYMENT_TTL: duration.default(30 * 60_000),
  // Payments (PAY-1..7). Stripe and PayPal are enabled when their keys are set.
  PAYMENTS_SANDBOX: bool.default(true),
  SANDBOX_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SANDBOX_SETTLE_DELAY: duration.default(5_000),
  PAYMENT_FINGERPRINT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  STRIPE_CAPTURE_METHOD: z.enum(['automatic', 'manual']).default('automatic'),
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).default('https'),
  PAYPAL_CLIENT_ID: z.string().optional(),
  PAYPAL_CLIENT_SECRET: z.string().optional(),
  PAYPAL_WEBHOOK_ID: z.string().optional(),
  PAYPAL_API_BASE: z.url().default('https://api-m.sandbox.paypal.com'),
  RISK_REVIEW_THRESHOLD: z.coerce.number().int().min(1).max(100).default(70),
  RISK_VELOCITY_WINDOW: duration.default(3_600_000),
  RISK_VELOCITY_MAX_USER: z.coerce.number().int().min(1).default(5),
  RISK_VELOCITY_MAX_IP: z.coerce.number().int().min(1).default(10),
  RISK_VELOCITY_MAX_CARD: z.coerce.number().int().min(1).default(3),
  RISK_HISTORY_MULTIPLE: z.coerce.number().min(1).default(5),
  RISK_NEW_ACCOUNT_AGE: duration.default(86_400_000),
  RISK_LARGE_ORDER_CENTS: z.coerce.number().int().min(0).default(20_000),
  RISK_FAILED_WINDOW: duration.default(86_400_000),
  RISK_FAILED_MAX: z.coerce.number().int().min(1).default(3),
  DELIVERY_SIMULATION: bool.optional(),
  DELIVERY_SIMULATION_INTERVAL: duration.default(20_000).refine((ms) => ms >= 1000, 'at least 1s'),
  DELIVERY_TRAVEL_TIME: duration.default(8 * 60_000),
  DELIVERY_STREAM_HEARTBEAT: duration.default(15_000).refine((ms) => ms >= 100, 'at least 100ms'),
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
  /** Route groups this process serves (docs/scaling.md, split layout); every group by default. */
  services: ServiceName[];
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
  /** The built web app (apps/web/dist) served at `/`; undefined: API only (WEB_DIR=off). */
  webDir: string | undefined;
  /** Hosts an inventory stock feed URL may point at (host, or host:port); empty: URL feeds are off. */
  inventorySyncAllowedHosts: string[];
  /** Delivery fee rules shared by the cart preview and checkout (minor units). */
  deliveryFees: {
    feeCents: number;
    freeThresholdCents: number;
    smallCartThresholdCents: number;
    smallCartFeeCents: number;
  };
  /** Unpaid orders are cancelled (stock released) after this long. */
  orderPaymentTtlMs: number;
  /** Providers, webhook secrets and fraud thresholds (see the README's payments table). */
  payments: {
    sandbox: boolean;
    /** Unset: derived from JWT_SECRET, so every replica (API and worker) agrees without setup. */
    sandboxWebhookSecret: string | undefined;
    sandboxSettleDelayMs: number;
    fingerprintSecret: string | undefined;
    stripe:
      | {
          secretKey: string;
          webhookSecret: string;
          publishableKey?: string;
          captureMethod: 'automatic' | 'manual';
          api?: { host: string; port: number; protocol: 'http' | 'https' };
        }
      | undefined;
    paypal: { clientId: string; clientSecret: string; webhookId: string; apiBase: string } | undefined;
    risk: {
      reviewThreshold: number;
      velocityWindowMs: number;
      velocityMaxPerUser: number;
      velocityMaxPerIp: number;
      velocityMaxPerCard: number;
      historyMultiple: number;
      newAccountAgeMs: number;
      largeOrderCents: number;
      failedWindowMs: number;
      failedMax: number;
    };
  };
  /** DLV-3/4/5: travel time once out for delivery, the live stream's heartbeat, the demo simulation. */
  delivery: {
    travelMs: number;
    streamHeartbeatMs: number;
    /** Advance every open delivery one stage per interval with a simulated rider (demo). */
    simulation: boolean;
    simulationIntervalMs: number;
  };
};

/** apps/web/dist, found from this file whether it runs from src/ (tsx, tests) or dist/. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

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
  // A half-configured provider is a mistake, not "off".
  const groups: [string, string[]][] = [
    ['Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']],
    ['PayPal', ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID']],
  ];
  for (const [name, keys] of groups) {
    const set = keys.filter((k) => e[k as keyof typeof e] !== undefined);
    if (set.length && set.length < keys.length)
      problems.push(
        `${keys.find((k) => !set.includes(k))}: required with ${set.join(', ')} to enable ${name}`,
      );
  }
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
    services: e.SERVICES,
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
    webDir: e.WEB_DIR === 'off' ? undefined : path.resolve(e.WEB_DIR ?? DEFAULT_WEB_DIR),
    inventorySyncAllowedHosts: e.INVENTORY_SYNC_ALLOWED_HOSTS,
    deliveryFees: {
      feeCents: e.DELIVERY_FEE_CENTS,
      freeThresholdCents: e.FREE_DELIVERY_THRESHOLD_CENTS,
      smallCartThresholdCents: e.SMALL_CART_THRESHOLD_CENTS,
      smallCartFeeCents: e.SMALL_CART_FEE_CENTS,
    },
    orderPaymentTtlMs: e.ORDER_PAYMENT_TTL,
    payments: {
      sandbox: e.PAYMENTS_SANDBOX,
      sandboxWebhookSecret: e.SANDBOX_WEBHOOK_SECRET,
      sandboxSettleDelayMs: e.SANDBOX_SETTLE_DELAY,
      fingerprintSecret: e.PAYMENT_FINGERPRINT_SECRET,
      stripe:
        e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
          ? {
              secretKey: e.STRIPE_SECRET_KEY,
              webhookSecret: e.STRIPE_WEBHOOK_SECRET,
              publishableKey: e.STRIPE_PUBLISHABLE_KEY,
              captureMethod: e.STRIPE_CAPTURE_METHOD,
              api: e.STRIPE_API_HOST
                ? {
                    host: e.STRIPE_API_HOST,
                    port: e.STRIPE_API_PORT ?? (e.STRIPE_API_PROTOCOL === 'http' ? 80 : 443),
                    protocol: e.STRIPE_API_PROTOCOL,
                  }
                : undefined,
            }
          : undefined,
      paypal:
        e.PAYPAL_CLIENT_ID && e.PAYPAL_CLIENT_SECRET && e.PAYPAL_WEBHOOK_ID
          ? {
              clientId: e.PAYPAL_CLIENT_ID,
              clientSecret: e.PAYPAL_CLIENT_SECRET,
              webhookId: e.PAYPAL_WEBHOOK_ID,
              apiBase: e.PAYPAL_API_BASE,
            }
          : undefined,
      risk: {
        reviewThreshold: e.RISK_REVIEW_THRESHOLD,
        velocityWindowMs: e.RISK_VELOCITY_WINDOW,
        velocityMaxPerUser: e.RISK_VELOCITY_MAX_USER,
        velocityMaxPerIp: e.RISK_VELOCITY_MAX_IP,
        velocityMaxPerCard: e.RISK_VELOCITY_MAX_CARD,
        historyMultiple: e.RISK_HISTORY_MULTIPLE,
        newAccountAgeMs: e.RISK_NEW_ACCOUNT_AGE,
        largeOrderCents: e.RISK_LARGE_ORDER_CENTS,
        failedWindowMs: e.RISK_FAILED_WINDOW,
        failedMax: e.RISK_FAILED_MAX,
      },
    },
    delivery: {
      travelMs: e.DELIVERY_TRAVEL_TIME,
      streamHeartbeatMs: e.DELIVERY_STREAM_HEARTBEAT,
      // On with the demo data (the zero-setup start), so a new user sees tracking move; else off.
      simulation: e.DELIVERY_SIMULATION ?? e.SEED_DEMO ?? !e.DATABASE_URL,
      simulationIntervalMs: e.DELIVERY_SIMULATION_INTERVAL,
    },
  };
}
