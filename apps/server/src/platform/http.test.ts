import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { call, createTestApp, type TestApp } from '../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('HTTP skeleton (OPS-4, OPS-5)', () => {
  it('serves an OpenAPI 3.1 document listing every account route, and the docs UI', async () => {
    const doc = await call(t.app, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/logout-all',
      '/api/v1/auth/verify-email',
      '/api/v1/auth/forgot-password',
      '/api/v1/auth/reset-password',
      '/api/v1/auth/me',
      '/api/v1/auth/me/addresses/{id}',
      '/api/v1/admin/users',
    ])
      expect(paths).toContain(p);
    expect(doc.body.paths['/api/v1/auth/me'].get.security).toEqual([{ bearerAuth: [] }]);
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers liveness, readiness and Prometheus metrics', async () => {
    expect((await call(t.app, 'GET', '/health/live')).status).toBe(200);
    const ready = await call(t.app, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('up');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'abc-123-def' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123-def');
    const made = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const res = await call(t.app, 'GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', instance: '/api/v1/nope' });
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('configuration (OPS-3)', () => {
  it('lists every bad variable at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'http://x',
        ACCESS_TOKEN_TTL: 'soon',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const fields = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields).toEqual(
        expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'ACCESS_TOKEN_TTL']),
      );
    }
  });

  it('requires a JWT secret and a database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*DATABASE_URL/);
  });

  it('parses durations and defaults', () => {
    const c = loadConfig({
      ACCESS_TOKEN_TTL: '15m',
      REFRESH_TOKEN_TTL: '30d',
      CORS_ORIGINS: 'https://a.test, https://b.test',
    });
    expect(c.accessTokenTtlMs).toBe(900_000);
    expect(c.refreshTokenTtlMs).toBe(30 * 86_400_000);
    expect(c.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
    expect(c.seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).seedDemo).toBe(false);
  });
});
