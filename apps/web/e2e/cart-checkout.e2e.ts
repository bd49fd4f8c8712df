import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN,
  DESKTOP,
  api,
  apiLogin,
  launchBrowser,
  logInThroughUi,
  newContext,
  rememberPostalCode,
  screenshot,
  uniqueEmail,
  usd,
  watchErrors,
} from './support.js';

type Cart = {
  items: { name: string; quantity: number }[];
  totals: { total_cents: number; subtotal_cents: number; discount_cents: number };
  coupon: { code: string } | null;
};

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const COUPON = `E2E${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiLogin(DEMO_ADMIN);
  const coupon = await api('POST', '/admin/coupons', {
    token: admin,
    body: { code: COUPON, description: '10% off for browser tests', kind: 'percent', value: 10 },
  });
  expect(coupon.status).toBe(201);
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  context = await newContext(browser);
  await rememberPostalCode(context);
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  await context?.close();
  expect(errors).toEqual([]);
});

/** A fresh customer (empty cart, no addresses); login works before the email is verified. */
async function newCustomer() {
  const email = uniqueEmail('e2e-shopper');
  const password = 'basket-weaver-77';
  const res = await api('POST', '/auth/register', { body: { email, password, first_name: 'Eve' } });
  expect(res.status).toBe(201);
  return { email, password };
}

/** The cart as the API sees it, for the guest whose token the page holds. */
async function guestCart(p: Page): Promise<Cart> {
  const token = await p.evaluate(() => localStorage.getItem('cw.cart_token'));
  expect(token).toBeTruthy();
  return (await api<Cart>('GET', '/cart', { headers: { 'x-cart-token': token! } })).body;
}

/** Adds the first in-stock product of the featured row; returns its name. */
async function addFirstProduct(p: Page): Promise<string> {
  await p.goto('/');
  const add = p
    .getByRole('region', { name: 'Featured this week' })
    .getByRole('button', { name: /^Add .* to cart$/ })
    .first();
  const label = (await add.getAttribute('aria-label'))!;
  const name = label.replace(/^Add /, '').replace(/ to cart$/, '');
  await add.click();
  await p
    .getByRole('group', { name: `Quantity of ${name}` })
    .first()
    .waitFor();
  return name;
}

describe('cart', () => {
  it('adds from a card, steps the quantity, shows totals and applies a coupon in the drawer', async () => {
    const name = await addFirstProduct(page);
    const stepper = page.getByRole('group', { name: `Quantity of ${name}` }).first();
    await stepper.getByRole('button', { name: `Add one more ${name}` }).click();
    await expect.poll(() => stepper.innerText()).toContain('2');
    await expect.poll(async () => (await guestCart(page)).items[0]?.quantity).toBe(2);

    await page.getByTestId('cart-bar').click();
    const drawer = page.getByRole('dialog', { name: 'My cart' });
    await drawer.getByTestId('cart-line').first().waitFor();
    let cart = await guestCart(page);
    await expect.poll(() => drawer.getByTestId('cart-total').innerText()).toBe(usd(cart.totals.total_cents));
    expect(await drawer.getByText('Items total').isVisible()).toBe(true);
    expect(await drawer.getByText('Delivery fee').isVisible()).toBe(true);

    await drawer.getByLabel(/Have a coupon/).fill(COUPON);
    await drawer.getByRole('button', { name: 'Apply' }).click();
    await drawer.getByText('applied').waitFor();
    cart = await guestCart(page);
    expect(cart.coupon?.code).toBe(COUPON);
    expect(cart.totals.discount_cents).toBeGreaterThan(0);
    await expect.poll(() => drawer.getByTestId('cart-total').innerText()).toBe(usd(cart.totals.total_cents));
    await drawer.getByText(`Discount (${COUPON})`).waitFor();

    await drawer.getByRole('button', { name: `Remove one ${name}` }).click();
    await expect.poll(async () => (await guestCart(page)).items[0]?.quantity).toBe(1);
    await screenshot(page, 'cart-drawer');

    const bogus = drawer.getByRole('button', { name: 'Remove', exact: true });
    await bogus.click();
    await drawer.getByLabel(/Have a coupon/).fill('NOPE-NOT-REAL');
    await drawer.getByRole('button', { name: 'Apply' }).click();
    await drawer.locator('#coupon-error').waitFor();
  });

  it('updates live in another tab of the same shopper', async () => {
    const name = await addFirstProduct(page);
    const other = await context.newPage();
    errors.push(...watchErrors(other));
    await other.goto('/');
    await expect.poll(() => other.getByTestId('cart-bar').innerText()).toMatch(/1 item/);
    await page
      .getByRole('group', { name: `Quantity of ${name}` })
      .first()
      .getByRole('button', { name: `Add one more ${name}` })
      .click();
    // No reload: the server-sent event carries the change.
    await expect
      .poll(() => other.getByTestId('cart-bar').innerText(), { timeout: 10_000 })
      .toMatch(/2 items/);
  });

  it('merges the guest cart into the account at log in', async () => {
    const who = await newCustomer();
    const name = await addFirstProduct(page);
    await logInThroughUi(page, who, '/');
    await page.getByTestId('cart-bar').click();
    await page.getByRole('dialog', { name: 'My cart' }).getByText(name).first().waitFor();
    const token = await apiLogin(who);
    const mine = await api<Cart>('GET', '/cart', { token });
    expect(mine.body.items.map((i) => i.name)).toContain(name);
    expect(await page.evaluate(() => localStorage.getItem('cw.cart_token'))).toBeNull();
  });
});

describe('checkout', () => {
  it('adds an address, survives a declined card, pays with the sandbox card and shows the confirmation', async () => {
    await context.close();
    context = await newContext(browser, DESKTOP);
    await rememberPostalCode(context);
    page = await context.newPage();
    errors = watchErrors(page);

    const who = await newCustomer();
    await logInThroughUi(page, who, '/');
    const name = await addFirstProduct(page);
    await page.getByTestId('cart-button').click();
    await page
      .getByRole('dialog', { name: 'My cart' })
      .getByRole('button', { name: /Proceed to checkout/ })
      .click();
    await page.waitForURL('**/checkout');

    await page.getByLabel('Full name').fill('Eve Shopper');
    await page.getByLabel('Address line 1').fill('12 Orchard Lane');
    await page.getByLabel('City').fill('Springfield');
    await page.getByRole('textbox', { name: 'Postal code', exact: true }).fill('10001');
    await page.getByLabel('Country').fill('US');
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByRole('radio', { name: /Eve Shopper/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Eve Shopper/ }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: /Card/ }).check();
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
    await page.getByLabel('CVC').fill('123');
    await screenshot(page, 'checkout');
    await page.getByTestId('place-order').click();
    await page.getByRole('alert').filter({ hasText: 'Payment declined' }).waitFor();
    const token = await apiLogin(who);
    expect((await api<{ total: number }>('GET', '/orders', { token })).body.total).toBe(0);

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    // Double-click: one order, thanks to the in-flight guard and the idempotency key.
    await page.getByTestId('place-order').dblclick();
    await page.waitForURL(/\/orders\/[\w-]+\?placed=1/);
    await page.getByRole('heading', { name: 'Order placed!' }).waitFor();
    const orders = await api<{ total: number; items: { number: string; status: string }[] }>(
      'GET',
      '/orders',
      { token },
    );
    expect(orders.body.total).toBe(1);
    expect(orders.body.items[0]!.status).toBe('confirmed');
    expect(await page.getByText(orders.body.items[0]!.number).first().isVisible()).toBe(true);
    expect(await page.getByText(name).first().isVisible()).toBe(true);
    await screenshot(page, 'order-confirmation');

    // The cart became the order.
    expect((await api<Cart>('GET', '/cart', { token })).body.items).toEqual([]);

    // Order history, then cancel from the detail page.
    await page.goto('/orders');
    await page.getByText(`Order ${orders.body.items[0]!.number}`).click();
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page
      .getByRole('dialog', { name: /Cancel order/ })
      .getByRole('button', { name: 'Cancel order' })
      .click();
    await page.getByText('Cancelled', { exact: true }).first().waitFor();
    await screenshot(page, 'order-cancelled');
  });

  it('asks the bank to confirm a card that requires authentication, then confirms the order', async () => {
    const who = await newCustomer();
    const token = await apiLogin(who);
    expect(
      (
        await api('POST', '/auth/me/addresses', {
          token,
          body: {
            full_name: 'Eve Auth',
            line1: '3 Bank Road',
            city: 'Springfield',
            postal_code: '10002',
            country: 'US',
          },
        })
      ).status,
    ).toBe(201);
    await logInThroughUi(page, who, '/');
    await addFirstProduct(page);
    await page.goto('/checkout');
    await page.getByRole('radio', { name: /Eve Auth/ }).waitFor();
    await page.getByRole('radio', { name: /Card/ }).check();
    await page.getByLabel('Card number').fill('4000 0025 0000 3155');
    await page.getByLabel('Expiry (MM / YY)').fill('01 / 33');
    await page.getByLabel('CVC').fill('999');
    await page.getByTestId('place-order-mobile').click();
    const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
    await dialog.getByText('Confirm this payment with your bank').waitFor();
    const pending = await api<{ items: { status: string }[] }>('GET', '/orders', { token });
    expect(pending.body.items[0]!.status).toBe('pending_payment');
    await dialog.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByRole('heading', { name: 'Order placed!' }).waitFor();
    const confirmed = await api<{ items: { status: string }[] }>('GET', '/orders', { token });
    expect(confirmed.body.items[0]!.status).toBe('confirmed');
  });
});
