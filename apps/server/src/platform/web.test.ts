import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestApp } from '../test/harness.js';

/** A stand-in for apps/web/dist: the shell with its replaceable head block, one hashed asset. */
const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <!-- cw:head -->
    <title>Cartwheel — default</title>
    <meta name="description" content="Default description" />
    <!-- /cw:head -->
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

let t: TestApp;
let webDir: string;
let product: { slug: string };
let category: { slug: string };

beforeAll(async () => {
  webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cartwheel-web-'));
  await fs.mkdir(path.join(webDir, 'assets'));
  await fs.writeFile(path.join(webDir, 'index.html'), SHELL);
  await fs.writeFile(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log("app");'.repeat(100));
  await fs.writeFile(path.join(webDir, 'assets', 'index-abc123.js.gz'), 'gzipped bytes');
  await fs.writeFile(path.join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  t = await createTestApp({ WEB_DIR: webDir });

  const staff = (await signedIn(t, 'staff')).token;
  const cat = await call(t.app, 'POST', '/api/v1/admin/categories', {
    body: { name: 'Shell Snacks' },
    token: staff,
  });
  category = cat.body;
  const prod = await call(t.app, 'POST', '/api/v1/admin/products', {
    token: staff,
    body: {
      name: 'Shell Crisps <Big>',
      sku: `SHELL-${Date.now()}`,
      category_id: cat.body.id,
      price_cents: 349,
      unit: '150 g',
      status: 'active',
    },
  });
  expect(prod.status).toBe(201);
  product = prod.body;
});
afterAll(async () => {
  await t?.close();
  await fs.rm(webDir, { recursive: true, force: true });
});

const page = (url: string, accept = 'text/html,application/xhtml+xml') =>
  t.app.inject({ method: 'GET', url, headers: { accept } });

describe('the web app served by the API server', () => {
  it('serves the shell at / with the app content security policy, never cached', async () => {
    const res = await page('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.body).toContain('<title>Cartwheel — default</title>');
  });

  it('serves hashed assets with a year-long immutable cache, pre-compressed when accepted', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await t.app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toBe('gzipped bytes');
    const sw = await t.app.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing-000.js' })).statusCode).toBe(404);
  });

  it('answers client-side routes with the shell, but not API paths or non-HTML requests', async () => {
    for (const url of ['/search?q=milk', '/account', '/orders/123', '/checkout']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root">');
    }
    const api = await page('/api/v1/nope');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const json = await page('/account', 'application/json');
    expect(json.statusCode).toBe(404);
    expect(json.headers['content-type']).toContain('application/problem+json');
    // The API itself is untouched.
    expect((await call(t.app, 'GET', '/api/v1/categories')).status).toBe(200);
  });

  it('puts the product and category SEO head into the shell in place of the default one', async () => {
    const res = await page(`/p/${product.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.body).toContain('<title>Shell Crisps &lt;Big&gt; (150 g) — Cartwheel</title>');
    expect(res.body).not.toContain('Cartwheel — default');
    expect(res.body).not.toContain('Default description');
    expect(res.body).toContain('<meta property="og:type" content="product">');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*)<\/script>/.exec(res.body)![1]!);
    expect(ld).toMatchObject({ '@type': 'Product', offers: { price: '3.49' } });
    expect(res.body).toContain('<script type="module" crossorigin src="/assets/index-abc123.js">');

    const cat = await page(`/c/${category.slug}`);
    expect(cat.body).toContain('<title>Shell Snacks — Cartwheel</title>');
    expect(cat.body).toContain('"@type":"BreadcrumbList"');
  });

  it('answers an unknown product with the shell, a 404 status and noindex', async () => {
    const res = await page('/p/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<div id="root">');
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    expect(res.body).not.toContain('Default description');
  });
});

describe('without a built web app (WEB_DIR=off)', () => {
  let apiOnly: TestApp;
  beforeAll(async () => {
    apiOnly = await createTestApp({ WEB_DIR: 'off' });
  });
  afterAll(async () => apiOnly?.close());

  it('serves the API only: / is a 404 and product pages fall back to server-rendered HTML', async () => {
    const root = await apiOnly.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(root.statusCode).toBe(404);
    expect((await apiOnly.app.inject({ method: 'GET', url: '/p/nothing' })).statusCode).toBe(404);
  });
});
