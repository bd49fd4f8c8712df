import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SERVICE_NAMES } from './config.js';
import { call, createTestApp, type TestApp } from './test/harness.js';

/** SERVICES selects the route groups a process mounts (OPS-7, the split layout in deploy/k8s). */

// Routes of each group that answer without a token when mounted; `mounted` is their status then.
const probes = {
  identity: [
    { method: 'GET', url: '/api/v1/auth/me', mounted: 401 },
    { method: 'POST', url: '/api/v1/auth/login', mounted: 422 }, // empty body: validation error
    { method: 'GET', url: '/api/v1/admin/users', mounted: 401 },
    { method: 'GET', url: '/api/v1/dev/mailbox', mounted: 401 },
  ],
  inventory: [
    { method: 'GET', url: '/api/v1/stores/resolve', mounted: 422 }, // postal_code missing
    { method: 'GET', url: '/api/v1/admin/warehouses', mounted: 401 },
  ],
  catalog: [
    { method: 'GET', url: '/api/v1/categories', mounted: 200 },
    { method: 'GET', url: '/api/v1/products?per_page=5', mounted: 200 },
    { method: 'GET', url: '/api/v1/admin/reviews', mounted: 401 },
    { method: 'GET', url: '/robots.txt', mounted: 200 },
    { method: 'GET', url: '/sitemap.xml', mounted: 200 },
  ],
} as const;

type Probe = (typeof probes)[keyof typeof probes][number];
const hit = (t: TestApp, p: Probe) => call(t.app, p.method, p.url, p.method === 'POST' ? { body: {} } : {});

describe('SERVICES=catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SERVICES: 'catalog' });
  });
  afterAll(async () => t?.close());

  it('serves the catalog routes, under /api/v1 and at the root', async () => {
    expect(t.config.services).toEqual(['catalog']);
    for (const p of probes.catalog) expect([p.url, (await hit(t, p)).status]).toEqual([p.url, p.mounted]);
  });

  it('answers 404 ROUTE_NOT_FOUND for the identity and inventory routes', async () => {
    for (const p of [...probes.identity, ...probes.inventory]) {
      const res = await hit(t, p);
      expect([p.url, res.status, res.body.code]).toEqual([p.url, 404, 'ROUTE_NOT_FOUND']);
    }
  });

  it('still serves health, metrics and docs, and documents only its own routes', async () => {
    expect((await call(t.app, 'GET', '/health/live')).status).toBe(200);
    expect((await call(t.app, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(t.app, 'GET', '/metrics')).status).toBe(200);
    const doc = await call(t.app, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toContain('/api/v1/categories');
    expect(paths.filter((p) => p.startsWith('/api/v1/auth') || p.startsWith('/api/v1/stores'))).toEqual([]);
  });
});

describe('SERVICES unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('mounts every group', async () => {
    expect(t.config.services).toEqual([...SERVICE_NAMES]);
    for (const p of [...probes.identity, ...probes.inventory, ...probes.catalog])
      expect([p.url, (await hit(t, p)).status]).toEqual([p.url, p.mounted]);
  });
});

describe('SERVICES configuration', () => {
  it('accepts a comma-separated subset, in any order, with spaces and repeats', () => {
    expect(loadConfig({ SERVICES: ' delivery, user ,user' }).services).toEqual(['user', 'delivery']);
    expect(loadConfig({ SERVICES: 'cart-order,ops' }).services).toEqual(['cart-order', 'ops']);
    expect(loadConfig({ SERVICES: '' }).services).toEqual([...SERVICE_NAMES]);
  });

  it('rejects an unknown name with a config error naming it and the valid ones', () => {
    let error: unknown;
    try {
      loadConfig({ SERVICES: 'catalog,orders' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "SERVICES: unknown service 'orders'; expected a comma-separated subset of user, catalog, cart-order, delivery, ops",
    ]);
  });
});
