import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN,
  DESKTOP,
  PHONE,
  SERVED_POSTAL_CODE,
  api,
  apiLogin,
  fillCart,
  launchBrowser,
  logInThroughUi,
  newContext,
  rememberPostalCode,
  screenshot,
  uniqueEmail,
  watchErrors,
} from './support.js';

/**
 * The shopper after checkout: live tracking that moves when staff move the delivery (no reload),
 * a refund request, paying again for an order the bank held, "buy again" and reorder.
 * The demo's delivery simulation also moves deliveries (every 20 s), so steps are taken from the
 * status the API reports at that moment, and a 409 (the simulation got there first) is retried.
 */

type Order = { id: string; number: string; status: string; items: { name: string; variant_id: string }[] };
type Tracking = { status: string | null; rider: { name: string } | null };
type Cart = { store: { id: string } | null; items: { variant_id: string; name: string; quantity: number }[] };

const CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 3,
  cvc: '123',
};
const NEXT: Record<string, string> = {
  PLACED: 'PACKED',
  PACKED: 'OUT_FOR_DELIVERY',
  OUT_FOR_DELIVERY: 'DELIVERED',
};
const STEP_LABEL: Record<string, string> = {
  PLACED: 'Order placed',
  PACKED: 'Packed',
  OUT_FOR_DELIVERY: 'On the way',
  FAILED: 'On the way',
  DELIVERED: 'Delivered',
};

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let admin: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await apiLogin(DEMO_ADMIN);
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  context = await newContext(browser, PHONE);
  await rememberPostalCode(context);
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  await context?.close();
  expect(errors).toEqual([]);
});

/** A new customer with an address and two in-stock products in the cart, ready to check out. */
async function customerWithCart() {
  const email = uniqueEmail('e2e-track');
  const password = 'track-my-basket-9';
  expect((await api('POST', '/auth/register', { body: { email, password, first_name: 'Tia' } })).status).toBe(
    201,
  );
  const token = await apiLogin({ email, password });
  const address = await api<{ id: string }>('POST', '/auth/me/addresses', {
    token,
    body: {
      full_name: 'Tia Tracker',
      line1: '5 Lantern Row',
      city: 'Springfield',
      postal_code: SERVED_POSTAL_CODE,
      country: 'US',
    },
  });
  expect(address.status).toBe(201);
  expect(
    (await api('PUT', '/cart/location', { token, body: { postal_code: SERVED_POSTAL_CODE } })).status,
  ).toBe(200);
  // Demo stock is small and other files buy too: take whichever products this store still has.
  await fillCart(token, 2);
  const checkout = async (card = CARD) => {
    const res = await api<Order>('POST', '/orders/checkout', {
      token,
      headers: { 'idempotency-key': `e2e-track-${crypto.randomUUID()}` },
      body: { shipping_address_id: address.body.id, payment_method: 'sandbox', card },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  return { email, password, token, checkout };
}

async function tracking(orderId: string, token: string) {
  return (await api<Tracking>('GET', `/orders/${orderId}/track`, { token })).body;
}

/** Moves the delivery one stage as staff; when the simulation moved it first, from where it is now. */
async function advance(orderId: string, deliveryId: string, token: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = (await tracking(orderId, token)).status!;
    const to = NEXT[now];
    if (!to) return now;
    const res = await api('POST', `/admin/deliveries/${deliveryId}/status`, {
      token: admin,
      body: { status: to, note: 'Moved by the browser test' },
    });
    if (res.status === 200) return to;
    expect(res.status).toBe(409);
  }
  throw new Error('could not advance the delivery');
}

/** The tracker shows the status the API reports now (which may be a later one than we set). */
async function trackerCaughtUp(p: Page, orderId: string, token: string) {
  await expect
    .poll(
      async () => {
        const shown = await p.getByTestId('order-tracker').getAttribute('data-status');
        return shown === (await tracking(orderId, token)).status;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const status = (await p.getByTestId('order-tracker').getAttribute('data-status'))!;
  if (status !== 'DELIVERED')
    expect(
      await p.getByRole('list', { name: 'Delivery progress' }).locator('[aria-current="step"]').innerText(),
    ).toContain(STEP_LABEL[status]);
  return status;
}

describe('order tracking', () => {
  it('moves the stepper live when staff advance the delivery, and takes a refund request', async () => {
    const who = await customerWithCart();
    const order = await who.checkout();
    expect(order.status).toBe('confirmed');
    const board = await api<{ items: { id: string }[] }>('GET', `/admin/deliveries?order_id=${order.id}`, {
      token: admin,
    });
    const deliveryId = board.body.items[0]!.id;

    // The stream is what keeps the page current: count its connections.
    const streams: string[] = [];
    page.on(
      'request',
      (r) => r.url().includes(`/orders/${order.id}/events?access_token=`) && streams.push(r.url()),
    );
    await logInThroughUi(page, who, `/orders/${order.id}`);
    const tracker = page.getByTestId('order-tracker');
    await tracker.waitFor();
    await tracker.getByText('Live', { exact: true }).waitFor();
    expect(streams.length).toBeGreaterThan(0);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const first = await trackerCaughtUp(page, order.id, who.token);
    if (first !== 'DELIVERED')
      await expect.poll(() => tracker.getByTestId('tracking-eta').innerText()).toMatch(/Arriving/);

    const moved = await advance(order.id, deliveryId, who.token);
    expect(['PACKED', 'OUT_FOR_DELIVERY', 'DELIVERED']).toContain(moved);
    await trackerCaughtUp(page, order.id, who.token);
    // A rider taken on shows up on the open page too.
    const riders = await api<{ items: { id: string }[] }>('GET', '/admin/users?role=rider&per_page=1', {
      token: admin,
    });
    const assign = await api('POST', `/admin/deliveries/${deliveryId}/assign`, {
      token: admin,
      body: { rider_id: riders.body.items[0]!.id },
    });
    if (assign.status === 200) {
      const rider = (await tracking(order.id, who.token)).rider!.name;
      await page.getByTestId('rider-card').getByText(rider).waitFor();
    } else expect(assign.status).toBe(409); // delivered by the simulation meanwhile
    const later = await advance(order.id, deliveryId, who.token);
    expect(['OUT_FOR_DELIVERY', 'DELIVERED']).toContain(later);
    const shown = await trackerCaughtUp(page, order.id, who.token);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    // The order's own status (badge) follows through the stream's order_status event.
    await expect
      .poll(() =>
        page.getByText(shown === 'DELIVERED' ? 'Delivered' : 'Out for delivery', { exact: true }).count(),
      )
      .toBeGreaterThan(0);
    // Let the stepper's colour transitions finish, so the picture shows the settled state.
    await page.waitForTimeout(800);
    await screenshot(page, 'order-tracking');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'order-tracking');
    await page.setViewportSize(PHONE);

    // Refund: part of the order, with a reason; it waits for staff.
    await page.getByRole('button', { name: 'Request a refund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request a refund' });
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.getByText('Tell us what went wrong').waitFor();
    await dialog.getByLabel('What went wrong?').fill('The bananas were bruised');
    await dialog.getByRole('radio', { name: 'Part of it' }).check();
    await dialog.getByLabel(/^Amount/).fill('1.00');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    const refund = page.getByTestId('refund').first();
    await refund.getByText('Pending review').waitFor();
    expect(await refund.innerText()).toContain('$1.00');
    expect(await page.getByRole('button', { name: 'Request a refund' }).count()).toBe(0);
    const mine = await api<{ status: string; amount_cents: number; reason: string }[]>(
      'GET',
      `/payments/refunds?order_id=${order.id}`,
      { token: who.token },
    );
    expect(mine.body).toMatchObject([
      { status: 'requested', amount_cents: 100, reason: 'The bananas were bruised' },
    ]);
    await screenshot(page, 'order-refund-pending');
  });

  it('shows the delivery on the order history card', async () => {
    const who = await customerWithCart();
    const order = await who.checkout();
    await logInThroughUi(page, who, '/orders');
    const card = page.getByRole('link', { name: new RegExp(`Order ${order.number}`) });
    const summary = card.getByTestId('delivery-summary');
    await summary.waitFor();
    const status = (await tracking(order.id, who.token)).status;
    // Open (the card polls), or already delivered by the simulation (then the card has no summary).
    if (status !== 'DELIVERED')
      expect(await summary.innerText()).toMatch(/Packing your order|Packed and ready|On the way|Delivered/);
    await screenshot(page, 'orders-tracking');
  });

  it('pays again for an order the bank held, then tracks it', async () => {
    const who = await customerWithCart();
    // 3155 asks for authentication: the order waits for payment.
    const held = await who.checkout({ ...CARD, number: '4000002500003155' });
    expect(held.status).toBe('pending_payment');
    await logInThroughUi(page, who, `/orders/${held.id}`);
    const panel = page.getByTestId('retry-payment');
    await panel.getByRole('heading', { name: 'Complete your payment' }).waitFor();
    expect(await page.getByTestId('order-tracker').count()).toBe(0);
    await panel.getByText(/Test mode/).click();
    await panel.getByRole('button', { name: /Use test card 4000000000000002/ }).click();
    await panel.getByLabel('Expiry (MM / YY)').fill('12 / 34');
    await panel.getByLabel('CVC').fill('123');
    await panel.getByRole('button', { name: /^Pay / }).click();
    await panel.getByRole('alert').filter({ hasText: 'Payment declined' }).waitFor();
    await screenshot(page, 'order-retry-payment');
    await panel.getByRole('button', { name: /Use test card 4242424242424242/ }).click();
    await panel.getByRole('button', { name: /^Pay / }).click();
    await page.getByTestId('order-tracker').waitFor();
    await expect.poll(() => page.getByTestId('retry-payment').count()).toBe(0);
    const orders = await api<{ items: { status: string }[] }>('GET', '/orders', { token: who.token });
    expect(orders.body.items[0]!.status).not.toBe('pending_payment');
  });

  it('buys again from home and reorders, skipping what is out of stock', async () => {
    const who = await customerWithCart();
    const order = await who.checkout();
    expect(order.items.length).toBe(2);
    await logInThroughUi(page, who, '/');
    const rail = page.getByRole('region', { name: 'Buy again' });
    for (const item of order.items) await rail.getByText(item.name).first().waitFor();
    await screenshot(page, 'home-buy-again');

    // One of the two runs out at the store before the reorder.
    const gone = order.items[1]!;
    const store = (await api<Cart>('GET', '/cart', { token: who.token })).body.store!;
    const zero = await api('POST', '/admin/inventory/adjust', {
      token: admin,
      body: { warehouse_id: store.id, variant_id: gone.variant_id, set: 0, reason: 'Browser test: sold out' },
    });
    expect(zero.status).toBe(200);
    try {
      await page.goto(`/orders/${order.id}`);
      await page.getByRole('button', { name: 'Reorder' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Skipped ${gone.name} (out of stock)` })
        .waitFor();
      const cart = await api<Cart>('GET', '/cart', { token: who.token });
      expect(cart.body.items.map((i) => i.variant_id)).toEqual([order.items[0]!.variant_id]);
      await page.getByRole('dialog', { name: 'My cart' }).getByText(order.items[0]!.name).first().waitFor();
    } finally {
      await api('POST', '/admin/inventory/restock', {
        token: admin,
        body: { warehouse_id: store.id, variant_id: gone.variant_id, quantity: 50 },
      });
    }
  });
});
