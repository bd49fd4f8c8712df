import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  SERVED_POSTAL_CODE,
  api,
  apiLogin,
  fillCart,
  launchBrowser,
  newContext,
  screenshot,
  uniqueEmail,
  watchErrors,
} from './support.js';

/**
 * Every main screen at phone and desktop size, signed out and signed in, saved under
 * e2e/screenshots/ to be looked at. Each must render its main heading or content without a
 * console error or uncaught exception.
 */

let browser: Browser;
let shopper: { email: string; password: string; token: string; orderId: string; slug: string };

beforeAll(async () => {
  browser = await launchBrowser();
  // A customer with an address and one placed order (so history, detail and "buy again" show).
  const email = uniqueEmail('e2e-screens');
  const password = 'window-shopper-8';
  expect(
    (
      await api('POST', '/auth/register', {
        body: { email, password, first_name: 'Sam', last_name: 'Rivera' },
      })
    ).status,
  ).toBe(201);
  const token = await apiLogin({ email, password });
  const address = await api<{ id: string }>('POST', '/auth/me/addresses', {
    token,
    body: {
      full_name: 'Sam Rivera',
      line1: '8 Elm Street',
      city: 'Springfield',
      postal_code: SERVED_POSTAL_CODE,
      country: 'US',
      label: 'Home',
    },
  });
  expect(address.status).toBe(201);
  expect(
    (await api('PUT', '/cart/location', { token, body: { postal_code: SERVED_POSTAL_CODE } })).status,
  ).toBe(200);
  const ordered = await fillCart(token, 3, '&category=dairy-bread-eggs');
  const order = await api<{ id: string }>('POST', '/orders/checkout', {
    token,
    headers: { 'idempotency-key': `screens-${Date.now()}` },
    body: { shipping_address_id: address.body.id, payment_method: 'cod' },
  });
  expect(order.status).toBe(201);
  // Something in the cart again for the cart and checkout screens.
  await fillCart(token, 2, '&category=dairy-bread-eggs');
  shopper = { email, password, token, orderId: order.body.id, slug: ordered[0]!.slug };
});
afterAll(async () => browser?.close());

async function visit(page: Page, url: string, ready: (p: Page) => Promise<unknown>) {
  await page.goto(url);
  await ready(page);
  // Let lazy images and late queries settle so the picture is what a shopper sees.
  await page.waitForLoadState('networkidle');
}

const heading = (name: string | RegExp) => (p: Page) => p.getByRole('heading', { name }).first().waitFor();

type Screen = {
  name: string;
  url: string;
  ready: (p: Page) => Promise<unknown>;
  signedIn?: boolean;
  then?: (p: Page) => Promise<unknown>;
};

const screens = (): Screen[] => [
  { name: 'home', url: '/', ready: heading('Featured this week') },
  { name: 'search', url: '/search?q=cheese', ready: heading(/Results for/) },
  { name: 'category', url: '/c/beverages', ready: heading('Beverages') },
  { name: 'product', url: `/p/${shopper.slug}`, ready: heading('Ratings & reviews') },
  { name: 'login', url: '/login', ready: heading('Welcome back') },
  { name: 'signup', url: '/signup', ready: heading('Create your account') },
  { name: 'forgot-password', url: '/forgot-password', ready: heading('Forgot your password?') },
  { name: 'verify-email', url: '/verify-email', ready: heading('Verify your email') },
  { name: 'not-found', url: '/no/such/page', ready: heading('Page not found') },
  {
    name: 'location-dialog',
    url: '/',
    ready: heading('Featured this week'),
    then: async (p) => {
      await p.getByTestId('location-button').click();
      await p.getByRole('dialog', { name: 'Where should we deliver?' }).waitFor();
    },
  },
  { name: 'home-signed-in', url: '/', ready: heading('Buy again'), signedIn: true },
  {
    name: 'cart-drawer',
    url: '/',
    ready: heading('Featured this week'),
    signedIn: true,
    then: async (p) => {
      await p
        .getByRole('button', { name: /^Cart, / })
        .or(p.getByTestId('cart-bar'))
        .first()
        .click();
      await p.getByRole('dialog', { name: 'My cart' }).getByTestId('cart-line').first().waitFor();
    },
  },
  { name: 'cart', url: '/cart', ready: heading('My cart'), signedIn: true },
  { name: 'checkout', url: '/checkout', ready: heading('Delivery address'), signedIn: true },
  { name: 'orders', url: '/orders', ready: heading('My orders'), signedIn: true },
  { name: 'order', url: `/orders/${shopper.orderId}`, ready: heading(/^Order CW-/), signedIn: true },
  { name: 'account', url: '/account', ready: (p) => p.getByLabel('First name').waitFor(), signedIn: true },
  {
    name: 'account-addresses',
    url: '/account?tab=addresses',
    ready: (p) => p.getByText('8 Elm Street').waitFor(),
    signedIn: true,
  },
  {
    name: 'account-activity',
    url: '/account?tab=security',
    ready: (p) => p.getByText('Signed in').first().waitFor(),
    signedIn: true,
  },
  {
    name: 'account-privacy',
    url: '/account?tab=privacy',
    ready: heading('Delete my account'),
    signedIn: true,
  },
];

describe('every screen at phone and desktop size', () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`renders cleanly at ${viewport.width}×${viewport.height}`, { timeout: 180_000 }, async () => {
      const signedOut = await newContext(browser, viewport);
      const signedIn = await newContext(browser, viewport);
      for (const ctx of [signedOut, signedIn])
        await ctx.addInitScript((code) => localStorage.setItem('cw.postal_code', code), SERVED_POSTAL_CODE);
      // Sign the second context in through the UI once; its tabs share the session.
      const loginPage = await signedIn.newPage();
      await loginPage.goto('/login');
      await loginPage.getByLabel('Email').fill(shopper.email);
      await loginPage.getByLabel('Password', { exact: true }).fill(shopper.password);
      await loginPage.getByRole('button', { name: 'Log in' }).click();
      await loginPage.waitForURL((u) => u.pathname === '/');
      await loginPage.close();

      const problems: string[] = [];
      for (const s of screens()) {
        const page = await (s.signedIn ? signedIn : signedOut).newPage();
        const errors = watchErrors(page);
        try {
          await visit(page, s.url, s.ready);
          await s.then?.(page);
          if (s.name === 'category' && viewport === PHONE) {
            await page.getByRole('button', { name: /^Filters/ }).click();
            await page.getByRole('dialog', { name: 'Filters' }).waitFor();
            await screenshot(page, 'category-filters');
            await page.keyboard.press('Escape');
          }
          await screenshot(page, s.name);
        } catch (err) {
          problems.push(`${s.name}: ${(err as Error).message.split('\n')[0]}`);
        }
        problems.push(...errors.map((e) => `${s.name}: ${e}`));
        await page.close();
      }
      await signedOut.close();
      await signedIn.close();
      expect(problems).toEqual([]);
    });
  }
});
