import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseURL = () => inject('baseURL');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

export const DEMO_SHOPPER = { email: 'shopper@cartwheel.dev', password: 'cartwheel-shopper-1' };
export const DEMO_ADMIN = { email: 'admin@cartwheel.dev', password: 'cartwheel-admin-1' };
/** A postal code the demo dark stores serve (seed/inventory.ts). */
export const SERVED_POSTAL_CODE = '10001';

/** Debian's Chromium, driven by playwright-core (which downloads no browser of its own). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Collects console errors and uncaught exceptions, so a test can assert the page stayed clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A 4xx the app handles (e.g. a 404 product) is logged by Chromium as a failed resource.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

export async function newContext(browser: Browser, viewport = PHONE): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, baseURL: baseURL() });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Chooses the delivery postal code before the app loads (as a returning shopper would have). */
export async function rememberPostalCode(context: BrowserContext, postalCode = SERVED_POSTAL_CODE) {
  await context.addInitScript((code) => {
    if (!localStorage.getItem('cw.postal_code')) localStorage.setItem('cw.postal_code', code);
  }, postalCode);
}

type Json = Record<string, unknown>;

/** A JSON API call from the test itself (setup and checks, not what the shopper does). */
export async function api<T = Json>(
  method: string,
  url: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseURL()}/api/v1${url}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * Puts `lines` different products in the signed-in shopper's cart, each one the cart's dark store
 * has in stock (the catalog answers for that store). The cart's location must be set first.
 */
export async function fillCart(token: string, lines: number, filter = '') {
  const cart = await api<{ store: { id: string } | null }>('GET', '/cart', { token });
  if (!cart.body.store) throw new Error(`fillCart: the cart has no store (${cart.status})`);
  const candidates = await api<{ items: { slug: string; default_variant_id: string }[] }>(
    'GET',
    `/products?in_stock=true&store=${cart.body.store.id}&per_page=${lines}${filter}`,
  );
  if (candidates.body.items.length < lines)
    throw new Error(`only ${candidates.body.items.length} of ${lines} products are in stock at the store`);
  for (const p of candidates.body.items) {
    const res = await api('POST', '/cart/items', {
      token,
      body: { variant_id: p.default_variant_id, quantity: 1 },
    });
    if (res.status !== 200) throw new Error(`add to cart: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return candidates.body.items;
}

export async function apiLogin(who: { email: string; password: string }) {
  const res = await api<{ access_token: string }>('POST', '/auth/login', { body: who });
  if (res.status !== 200) throw new Error(`login ${who.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

/** Signs in through the UI's log-in screen. */
export async function logInThroughUi(page: Page, who: { email: string; password: string }, next = '/') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}

/** The newest email to `to` from the dev mailbox (admins only), with its text body. */
export async function lastMail(to: string, subject?: RegExp) {
  const admin = await apiLogin(DEMO_ADMIN);
  for (let attempt = 0; attempt < 40; attempt++) {
    const list = await api<{ items: { id: string; subject: string }[] }>(
      'GET',
      `/dev/mailbox?to=${encodeURIComponent(to)}`,
      { token: admin },
    );
    const hit = list.body.items.find((m) => !subject || subject.test(m.subject));
    if (hit)
      return (await api<{ text: string; subject: string }>('GET', `/dev/mailbox/${hit.id}`, { token: admin }))
        .body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to}`);
}

const shotsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Saves a screenshot under apps/web/e2e/screenshots/ (gitignored) to look at after a run. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const size = page.viewportSize();
  const tag = size && size.width < 700 ? 'phone' : 'desktop';
  await page.screenshot({ path: path.join(shotsDir, `${name}-${tag}.png`) });
}

export const uniqueEmail = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Money as the UI shows it. */
export const usd = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
