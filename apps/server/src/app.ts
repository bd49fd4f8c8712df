import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import type { Config, ServiceName } from './config.js';
import {
  catalogPortFor,
  inventoryCatalogPortFor,
  catalogCrontab,
  catalogJobHandlers,
  catalogRoutes,
  createCatalogService,
  seoRoutes,
  salePortFor,
  type OrderHistoryPort,
  imageJobHandlers,
  imageRoutes,
  uploadsRoutes,
} from './modules/catalog/index.js';
import { createIdentityService, identityJobHandlers, identityRoutes } from './modules/identity/index.js';
import { cartCrontab, cartJobHandlers, cartRoutes, createCartService } from './modules/cart/index.js';
import {
  createInventoryService,
  inventoryCrontab,
  inventoryJobHandlers,
  inventoryRoutes,
} from './modules/inventory/index.js';
import {
  createOrdersService,
  ordersCrontab,
  ordersJobHandlers,
  ordersRoutes,
} from './modules/orders/index.js';
import {
  createDeliveryService,
  deliveryCrontab,
  deliveryJobHandlers,
  deliveryRoutes,
} from './modules/delivery/index.js';
import {
  createPaymentsService,
  paymentsJobHandlers,
  paymentsRoutes,
  paymentsSetup,
} from './modules/payments/index.js';
import { createReviewsService, reviewsRoutes, type PurchaseChecker } from './modules/reviews/index.js';
import {
  createJobsService,
  jobsCrontab,
  jobsJobHandlers,
  jobsRoutes,
  platformJobStarters,
} from './modules/jobs/index.js';
import {
  createReportsService,
  reportsCrontab,
  reportsJobHandlers,
  reportsJobStarters,
  reportsRoutes,
} from './modules/reports/index.js';
import { authPlugin, createTokenSigner } from './platform/auth.js';
import { createCache } from './platform/cache.js';
import { createEventBus } from './platform/events.js';
import type { Database } from './platform/db.js';
import { registerErrorHandling } from './platform/errors.js';
import { createMailTransport, mailJobHandlers } from './platform/mail.js';
import { mailboxRoutes } from './platform/mail-routes.js';
import { metricsPlugin } from './platform/metrics.js';
import { createQueue, type Queue } from './platform/queue.js';
import { memoryLimiter, rateLimitPlugin, redisLimiter } from './platform/rate-limit.js';
import { createLocalStorage } from './platform/storage.js';
import { workerHeartbeats } from './platform/schema.js';
import { loadWebShell, webRoutes } from './platform/web.js';

declare module 'fastify' {
  interface FastifyInstance {
    queue: Queue;
    services: Services;
  }
}

export type Services = {
  identity: ReturnType<typeof createIdentityService>;
  catalog: ReturnType<typeof createCatalogService>;
  reviews: ReturnType<typeof createReviewsService>;
  inventory: ReturnType<typeof createInventoryService>;
  cart: ReturnType<typeof createCartService>;
  payments: ReturnType<typeof createPaymentsService>;
  orders: ReturnType<typeof createOrdersService>;
  delivery: ReturnType<typeof createDeliveryService>;
  reports: ReturnType<typeof createReportsService>;
  jobs: ReturnType<typeof createJobsService>;
};

const SECRET_QUERY = /(token|password|secret|key|signature)=[^&]*/gi;
const API_VERSION = '0.1.0';
const API = '/api/v1';

/** One entry of the route table in buildApp: where a module's routes mount, and how. */
type RouteMount = [prefix: string, mount: (scope: FastifyInstance) => PromiseLike<unknown>];

/** Collaborators tests may swap (e.g. a review test that needs a verified buyer without an order). */
export type AppOverrides = {
  hasPurchased?: PurchaseChecker;
  orderHistory?: OrderHistoryPort;
  /** Where log lines go instead of stdout (a test that checks what is never logged, e.g. card numbers). */
  logStream?: { write: (line: string) => void };
};

/**
 * The whole application, used as-is by production (main.ts) and by tests (app.inject), so tests
 * validate, authenticate and serialise exactly as production does. The caller owns the database
 * (and, in main.ts, starts the worker).
 */
export async function buildApp(
  config: Config,
  database: Database,
  overrides: AppOverrides = {},
): Promise<FastifyInstance> {
  if (!config.jwtSecret)
    throw new Error('buildApp needs config.jwtSecret (main.ts provides one in development)');
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(overrides.logStream ? { stream: overrides.logStream } : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-cart-token"]'],
      serializers: {
        // Links in emails carry tokens in the query string: never log their values.
        req: (req) => ({
          method: req.method,
          url: req.url.replace(SECRET_QUERY, '$1=[redacted]'),
          ip: req.ip,
        }),
      },
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    // The API docs UI needs inline scripts and styles; the web app sets its own policy later.
    contentSecurityPolicy: false,
  });
  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });

  // Uploads stream through busboy; the size limit applies while reading, never after buffering.
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, parts: 20 } });

  if (config.worker !== 'only') await registerDocs(app);

  await app.register(metricsPlugin);

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true })
    : undefined;
  redis?.on('error', (err) => app.log.warn({ err }, 'redis error'));
  // Connect up front so the first requests do not race the connection; an outage is not fatal.
  await redis?.connect().catch((err: unknown) => app.log.error({ err }, 'redis unreachable at start'));
  await app.register(rateLimitPlugin, {
    limiter: redis
      ? redisLimiter(redis, config.redisPrefix, (err) =>
          app.log.warn({ err }, 'rate limiter: redis unavailable'),
        )
      : memoryLimiter(),
    perIp: config.authRateLimit.perIp,
    perAccount: config.authRateLimit.perAccount,
    windowMs: config.authRateLimit.windowMs,
  });

  const { db, pool } = database;
  const storage = createLocalStorage(config.uploadDir);
  const signer = await createTokenSigner(config.jwtSecret, config.accessTokenTtlMs);
  const identity = createIdentityService({ db, signer, storage, config });

  const cache = createCache({
    redis,
    prefix: config.redisPrefix,
    ttlMs: config.cache.ttlMs,
    enabled: config.cache.enabled,
    onError: (err) => app.log.warn({ err }, 'cache: redis unavailable'),
  });
  const inventory = createInventoryService({
    db,
    catalog: inventoryCatalogPortFor(db, cache),
    staff: { staffEmails: identity.staffEmails },
    storage,
    syncAllowedHosts: config.inventorySyncAllowedHosts,
  });
  const catalog = createCatalogService({
    db,
    cache,
    storage,
    uploadMaxBytes: config.uploadMaxBytes,
    stores: { exists: inventory.warehouses.exists },
  });
  const { images } = catalog;
  const sale = salePortFor(db);
  const cart = createCartService({ db, sale, inventory, fees: config.deliveryFees });
  const payments = createPaymentsService({
    db,
    ...paymentsSetup(config, config.jwtSecret),
    users: identity,
    log: app.log,
  });
  const orders = createOrdersService({
    db,
    cart,
    sale,
    inventory,
    payments,
    addresses: identity,
    paymentTtlMs: config.orderPaymentTtlMs,
    publicUrl: config.publicUrl,
  });
  payments.connectOrders(orders.paymentPort);
  // DLV-1: a delivery per confirmed order, closed when the order is cancelled — in the order's transaction.
  const delivery = createDeliveryService({
    db,
    orders,
    stores: inventory.warehouses,
    people: identity,
    travelMs: config.delivery.travelMs,
    publicUrl: config.publicUrl,
  });
  orders.onConfirmed(delivery.onOrderConfirmed);
  orders.onCancelled(delivery.onOrderCancelled);
  orders.onRiderAssigned(delivery.onRiderAssigned);
  const reviews = createReviewsService({
    db,
    catalog: catalogPortFor(db, cache),
    users: { getUserEmail: identity.getContact },
    hasPurchased: overrides.hasPurchased ?? orders.hasPurchased,
  });
  const reports = createReportsService({
    db,
    storage,
    secret: config.jwtSecret,
    orders,
    catalog,
    identity,
    inventory,
  });
  const jobs = createJobsService({
    db,
    starters: [...platformJobStarters({ db, identity, inventory }), ...reportsJobStarters(reports)],
  });
  app.decorate('services', {
    identity,
    catalog,
    reviews,
    inventory,
    cart,
    payments,
    orders,
    delivery,
    reports,
    jobs,
  });
  const events = createEventBus(database.pool.options.connectionString!, app.log);

  await app.register(authPlugin, { signer, loadPrincipal: identity.loadPrincipal });

  const queue = createQueue({
    db,
    pool,
    concurrency: config.workerConcurrency,
    log: app.log,
    handlers: [
      ...mailJobHandlers(db, createMailTransport(config.smtpUrl, config.mailFrom)),
      ...identityJobHandlers(identity),
      ...inventoryJobHandlers(inventory),
      ...imageJobHandlers(images),
      ...catalogJobHandlers(catalog, overrides.orderHistory ?? orders),
      ...ordersJobHandlers(orders, db),
      ...paymentsJobHandlers(payments),
      ...deliveryJobHandlers(delivery, db, config.delivery),
      ...cartJobHandlers(cart),
      ...jobsJobHandlers(jobs),
      ...reportsJobHandlers(reports),
    ],
    crontab: [
      ...catalogCrontab,
      ...ordersCrontab,
      ...deliveryCrontab(config.delivery),
      ...inventoryCrontab,
      ...cartCrontab,
      ...jobsCrontab,
      ...reportsCrontab,
    ],
  });
  app.decorate('queue', queue);

  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: { hide: true } }, async (_req, reply) => {
    const checks: Record<string, string> = {};
    let ok = true;
    try {
      await db.execute(sql`select 1`);
      checks.database = 'up';
    } catch {
      checks.database = 'down';
      ok = false;
    }
    // Workers anywhere (this process or `npm run worker` replicas) heartbeat every 10 s.
    const [alive] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(workerHeartbeats)
      .where(sql`${workerHeartbeats.lastSeenAt} > now() - interval '30 seconds'`)
      .catch(() => [{ n: 0 }]);
    checks.worker = alive && alive.n > 0 ? 'up' : 'down';
    // This process promised to run the worker: not ready until it does.
    if (config.worker !== 'off' && !queue.isRunning()) ok = false;
    return reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ready' : 'not_ready', checks, workers: alive?.n ?? 0 });
  });

  // Routes by the service that serves them: a process mounts only the groups in SERVICES (all by
  // default; deploy/k8s/overlays/split runs one Deployment per group). A module joins a group with
  // one line: [API, (r) => r.register(itsRoutes, {...})], or ['', …] for routes outside /api/v1.
  // Health, metrics and the docs are served by every process.
  const web = config.webDir ? loadWebShell(config.webDir) : undefined;
  const routeGroups: Record<ServiceName, RouteMount[]> = {
    user: [
      [API, (r) => r.register(identityRoutes, { identity })],
      [API, (r) => r.register(mailboxRoutes, { db })],
    ],
    catalog: [
      [API, (r) => r.register(catalogRoutes, { catalog, cache, events })],
      [API, (r) => r.register(imageRoutes, { images, maxBytes: config.uploadMaxBytes })],
      [API, (r) => r.register(reviewsRoutes, { reviews })],
      ['', (r) => r.register(uploadsRoutes, { storage })],
      ['', (r) => r.register(seoRoutes, { catalog, baseUrl: config.publicUrl, shell: web })],
      // The storefront: its assets and the app shell for every page URL (none when not built).
      ...(web ? [['', (r) => r.register(webRoutes, { shell: web })] satisfies RouteMount] : []),
    ],
    'cart-order': [
      [API, (r) => r.register(inventoryRoutes, { inventory })],
      [API, (r) => r.register(cartRoutes, { cart, events })],
      [API, (r) => r.register(ordersRoutes, { orders })],
      [API, (r) => r.register(paymentsRoutes, { payments })],
    ],
    delivery: [
      [
        API,
        (r) =>
          r.register(deliveryRoutes, { delivery, events, heartbeatMs: config.delivery.streamHeartbeatMs }),
      ],
    ],
    ops: [
      [API, (r) => r.register(jobsRoutes, { jobs })],
      [API, (r) => r.register(reportsRoutes, { reports })],
    ],
  };
  // A dedicated worker process (WORKER=only) serves health and metrics for its probes, not the API.
  if (config.worker !== 'only') {
    for (const service of config.services) {
      for (const [prefix, mount] of routeGroups[service]) {
        await app.register(
          async (scope) => {
            await mount(scope);
          },
          { prefix },
        );
      }
    }
  }

  // Product views are batched in memory; flush them every few seconds and at shutdown.
  const viewFlush = setInterval(() => {
    catalog.flushViews().catch((err: unknown) => app.log.warn({ err }, 'flushing product views failed'));
  }, 5000);
  viewFlush.unref();

  // Live streams never end by themselves: end them first, or closing the server would wait forever.
  app.addHook('preClose', async () => {
    await events.close();
  });
  app.addHook('onClose', async () => {
    clearInterval(viewFlush);
    await catalog.flushViews().catch(() => {});
    await queue.stop();
    redis?.disconnect();
  });
  return app;
}

/** OpenAPI 3.1 generated from the route schemas, served at /openapi.json with a UI at /docs. */
async function registerDocs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cartwheel API',
        version: API_VERSION,
        description:
          'Commerce platform API. Errors are RFC 9457 problem+json with a stable `code`; money is integer minor units.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
    // Adds the named (.meta({ id })) zod schemas as components, so their $refs resolve.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { persistAuthorization: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
