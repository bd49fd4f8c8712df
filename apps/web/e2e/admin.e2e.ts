import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN,
  DESKTOP,
  DEMO_SHOPPER,
  PHONE,
  SERVED_POSTAL_CODE,
  api,
  apiLogin,
  fillCart,
  launchBrowser,
  newContext,
  rememberPostalCode,
  screenshot,
  uniqueEmail,
  usd,
  watchErrors,
} from './support.js';

/**
 * The admin console and the rider view against the real server: an admin creates a product with
 * an image, stocks it and zeroes it at one store (its shoppers see it sold out), moves a real order along, moderates a review and assigns the
 * delivery; the rider sees it. Then every console screen at phone and desktop size.
 */

const DEMO_RIDER = { email: 'rider@cartwheel.dev', password: 'cartwheel-rider-1' };

let browser: Browser;
let adminToken: string;
let order: { id: string; number: string };
/** Paid by card; its customer asked for part of the money back. */
let paidOrder: { id: string; number: string; total: number; email: string };
let refundRequest: { id: string; amount_cents: number };
/** Tripped the fraud rules, so it waits on staff. */
let heldOrder: { id: string; number: string } | null = null;
const stamp = Date.now().toString(36);
const SANDBOX_CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: new Date().getFullYear() + 3,
  cvc: '123',
};
const DECLINED_CARD = { ...SANDBOX_CARD, number: '4000000000000002' };

/** A new customer with an address, at a served postal code, with two in-stock products in the cart. */
async function shopperWithCart(tag: string) {
  const email = uniqueEmail(tag);
  const password = 'back-office-8';
  expect((await api('POST', '/auth/register', { body: { email, password, first_name: 'Bo' } })).status).toBe(
    201,
  );
  const token = await apiLogin({ email, password });
  const address = await api<{ id: string }>('POST', '/auth/me/addresses', {
    token,
    body: {
      full_name: `Bo ${tag}`,
      line1: '2 Ledger Lane',
      city: 'Springfield',
      postal_code: SERVED_POSTAL_CODE,
      country: 'US',
    },
  });
  expect(address.status).toBe(201);
  expect(
    (await api('PUT', '/cart/location', { token, body: { postal_code: SERVED_POSTAL_CODE } })).status,
  ).toBe(200);
  await fillCart(token, 2);
  let attempt = 0;
  const checkout = (card: typeof SANDBOX_CARD) =>
    api<{ id: string; number: string; status: string; totals: { total_cents: number } }>(
      'POST',
      '/orders/checkout',
      {
        token,
        headers: { 'idempotency-key': `${tag}-${stamp}-${attempt++}` },
        body: { shipping_address_id: address.body.id, payment_method: 'sandbox', card },
      },
    );
  return { email, token, checkout };
}
const productName = `E2E Admin Oat Bar ${stamp}`;

/** A solid-colour PNG (the server turns uploads into WebP renditions, so it must be a real image). */
function png(size: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).fill(Buffer.from(rgb))]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function logIn(context: BrowserContext, who: { email: string; password: string }, next: string) {
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('status').filter({ hasText: text }).first().waitFor();

beforeAll(async () => {
  browser = await launchBrowser();
  adminToken = await apiLogin(DEMO_ADMIN);
  // A real order to move along: a new customer checks out with cash on delivery.
  const email = uniqueEmail('e2e-admin');
  const password = 'back-office-8';
  expect((await api('POST', '/auth/register', { body: { email, password, first_name: 'Ada' } })).status).toBe(
    201,
  );
  const token = await apiLogin({ email, password });
  const address = await api<{ id: string }>('POST', '/auth/me/addresses', {
    token,
    body: {
      full_name: 'Ada Admin-Test',
      line1: '1 Back Office Way',
      city: 'Springfield',
      postal_code: SERVED_POSTAL_CODE,
      country: 'US',
    },
  });
  expect(address.status).toBe(201);
  expect(
    (await api('PUT', '/cart/location', { token, body: { postal_code: SERVED_POSTAL_CODE } })).status,
  ).toBe(200);
  await fillCart(token, 2);
  const placed = await api<{ id: string; number: string }>('POST', '/orders/checkout', {
    token,
    headers: { 'idempotency-key': `admin-e2e-${stamp}` },
    body: { shipping_address_id: address.body.id, payment_method: 'cod' },
  });
  expect(placed.status).toBe(201);
  order = placed.body;

  // A card-paid order whose customer asks for a refund (part of it, so staff can refund more).
  const payer = await shopperWithCart('e2e-refund');
  const paid = await payer.checkout(SANDBOX_CARD);
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  paidOrder = {
    id: paid.body.id,
    number: paid.body.number,
    total: paid.body.totals.total_cents,
    email: payer.email,
  };
  const asked = await api<{ id: string; amount_cents: number; status: string }>('POST', '/payments/refunds', {
    token: payer.token,
    body: { order_id: paid.body.id, amount_cents: 100, reason: 'One item arrived crushed' },
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  expect(asked.body.status).toBe('requested');
  refundRequest = asked.body;

  // A held order, tripped by the default rules (threshold 70): five declined card attempts
  // (recent failures, 35) make the sixth attempt also too many for one account (velocity, 35).
  const risky = await shopperWithCart('e2e-fraud');
  for (let i = 0; i < 5; i++) expect((await risky.checkout(DECLINED_CARD)).status).toBe(402);
  const held = await risky.checkout(SANDBOX_CARD);
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  expect(held.body.status).toBe('on_hold');
  heldOrder = { id: held.body.id, number: held.body.number };
});
afterAll(async () => browser?.close());

describe('admin console', () => {
  it('a customer is told they have no access', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await logIn(context, DEMO_SHOPPER, '/');
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'No access to the admin console' }).waitFor();
    await screenshot(page, 'admin-no-access');
    await context.close();
  });

  it(
    'moves an order along, notes it, moderates a review and assigns the delivery',
    { timeout: 120_000 },
    async () => {
      const context = await newContext(browser, DESKTOP);
      const page = await logIn(context, DEMO_ADMIN, '/admin');
      const errors = watchErrors(page);

      await page.goto('/admin/orders');
      await page.getByLabel('Search orders').fill(order.number);
      await page.getByRole('table', { name: 'Orders' }).getByRole('link', { name: order.number }).click();
      await page.getByRole('heading', { name: new RegExp(`Order ${order.number}`) }).waitFor();
      // Only valid next steps are offered. The demo's delivery simulation may move the order
      // meanwhile; then the server's 409 is shown and the page offers the step after that.
      const before = await api<{ status: string; timeline: unknown[] }>('GET', `/admin/orders/${order.id}`, {
        token: adminToken,
      });
      const steps = page.getByRole('button', {
        name: /^(Confirm|Mark packed|Out for delivery|Mark delivered)$/,
      });
      await steps.first().click();
      await page
        .getByRole('status')
        .filter({ hasText: `Order ${order.number} is now` })
        .or(page.getByRole('alert').filter({ hasText: 'Not possible now' }))
        .first()
        .waitFor();
      const after = await api<{ status: string; timeline: unknown[] }>('GET', `/admin/orders/${order.id}`, {
        token: adminToken,
      });
      expect(after.body.timeline.length).toBeGreaterThan(before.body.timeline.length);

      await page.getByLabel('Add a note').fill('Customer asked for a call on arrival');
      await page.getByRole('button', { name: 'Add note' }).click();
      await toast(page, 'Note added');
      await page.getByText('Customer asked for a call on arrival').waitFor();

      // Moderation: the oldest pending review is approved with a note.
      await page.goto('/admin/reviews');
      const first = page.getByRole('listitem', { name: /^Review: / }).first();
      const title = (await first.getAttribute('aria-label'))!.replace(/^Review: /, '');
      const productId = (await first.getByRole('link').first().getAttribute('href'))!.split('/').pop();
      await first.getByPlaceholder('Internal note (optional)').fill('Looks genuine');
      await first.getByRole('button', { name: 'Approve' }).click();
      await toast(page, 'Review approved');
      const approved = await api<{ items: { title: string; moderation_note: string | null }[] }>(
        'GET',
        `/admin/reviews?status=approved&product_id=${productId}&per_page=100`,
        { token: adminToken },
      );
      expect(
        approved.body.items.some((r) => r.title === title && r.moderation_note === 'Looks genuine'),
      ).toBe(true);

      // Deliveries: the order's delivery is on the board; the demo rider takes it.
      const board = await api('GET', '/admin/deliveries?per_page=1', { token: adminToken });
      if (board.status !== 404) {
        await page.goto('/admin/deliveries');
        const card = page.getByRole('listitem', { name: `Delivery for order ${order.number}` });
        await card.waitFor();
        const rider = card.getByLabel(`Rider for order ${order.number}`);
        if (await rider.isVisible()) {
          await rider.selectOption({ label: 'Ravi Rider' });
          await toast(page, `Rider assigned to ${order.number}`);
        }
        const riderContext = await newContext(browser, PHONE);
        const riderPage = await logIn(riderContext, DEMO_RIDER, '/rider');
        await riderPage.getByRole('heading', { name: 'My deliveries' }).waitFor();
        // Wait for the list (or its empty state) before deciding which case this is.
        await riderPage
          .getByRole('list', { name: 'Deliveries to do' })
          .or(riderPage.getByRole('heading', { name: 'No deliveries right now' }))
          .first()
          .waitFor();
        const todo = riderPage.getByRole('list', { name: 'Deliveries to do' }).getByText(order.number);
        if (await todo.isVisible()) {
          await screenshot(riderPage, 'rider');
          const mine = riderPage.getByRole('listitem').filter({ hasText: order.number });
          await mine.getByRole('button', { name: /Picked up|Start delivery|Delivered|Try again/ }).click();
          await riderPage.getByRole('status').filter({ hasText: order.number }).waitFor();
        } else {
          // Already delivered by the simulation: it is in the rider's delivered list.
          await riderPage.getByRole('button', { name: 'Done' }).click();
          await riderPage.getByRole('list', { name: 'Done' }).getByText(order.number).waitFor();
        }
        const tracked = await api<{ rider: { name: string } | null }>('GET', `/orders/${order.id}/track`, {
          token: adminToken,
        });
        expect(tracked.body.rider?.name).toMatch(/Ravi/);
        await riderContext.close();
      }
      expect(errors).toEqual([]);
      await context.close();
    },
  );
  it(
    'signs in, sees the dashboard, creates a product with an image and stocks it',
    { timeout: 120_000 },
    async () => {
      const context = await newContext(browser, DESKTOP);
      const page = await logIn(context, DEMO_ADMIN, '/admin');
      const errors = watchErrors(page);
      await page.getByRole('heading', { name: /Good to see you/ }).waitFor();
      for (const label of [
        'Orders today',
        'Revenue today',
        'Average order',
        'Low stock',
        'Pending reviews',
        'Failed jobs',
      ])
        await page.getByText(label, { exact: true }).waitFor();
      await page.getByRole('img', { name: /^Sales over the last 14 days/ }).waitFor();
      // The order placed above is today's: the recent orders table lists it.
      await page.getByRole('table', { name: 'Recent orders' }).getByText(order.number).waitFor();

      // Create: the form sends the product, then opens it for images and variants.
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products' }).click();
      await page.getByRole('link', { name: 'Add product' }).click();
      await page.getByLabel('Name').fill(productName);
      await page.getByLabel('Price (USD)', { exact: true }).fill('3.49');
      // Any real category: options are indented by depth, so choose by id.
      const tree = await api<{ id: string }[]>('GET', '/categories');
      await page.getByLabel('Category').selectOption(tree.body[0]!.id);
      await page.getByLabel('SKU').fill(`E2E-OAT-${stamp}`);
      await page.getByLabel('Brand').fill('Test Kitchen');
      await page.getByLabel('Status').selectOption('active');
      await page.getByRole('button', { name: 'Create product' }).click();
      await toast(page, 'Product created');
      await page.getByRole('heading', { name: productName }).waitFor();
      const productId = page.url().split('/').pop()!;

      await page
        .getByLabel('Upload images')
        .setInputFiles({ name: 'oat-bar.png', mimeType: 'image/png', buffer: png(320, [214, 160, 90]) });
      await toast(page, 'Uploaded oat-bar.png');
      // Processed in the background; the gallery polls until the renditions exist.
      await page
        .getByRole('list', { name: 'Gallery, in order' })
        .locator('img')
        .first()
        .waitFor({ timeout: 30_000 });
      await page.getByText('Main', { exact: true }).waitFor();

      // It is in the storefront's search, with its image.
      const found = await api<{ items: { id: string; image: unknown }[] }>(
        'GET',
        `/products?q=${encodeURIComponent(productName)}`,
      );
      const hit = found.body.items.find((p) => p.id === productId);
      expect(hit?.image).toBeTruthy();

      // Stock it at a dark store, then count it down to zero.
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Inventory' }).click();
      await page.getByRole('heading', { name: 'Inventory' }).waitFor();
      await page.getByRole('button', { name: 'Restock', exact: true }).first().click();
      let dialog = page.getByRole('dialog', { name: 'Restock' });
      await dialog.getByLabel('Find product').fill(productName);
      await dialog.getByLabel('Product', { exact: true }).selectOption({ label: productName });
      await dialog.getByLabel('Dark store').selectOption({ label: 'Cartwheel Central (DS-CENTRAL)' });
      await dialog.getByLabel('Quantity').fill('25');
      await dialog.getByRole('button', { name: 'Restock' }).click();
      await toast(page, 'Restock: saved');
      expect((await api<{ in_stock: boolean }>('GET', `/products/${productId}`)).body.in_stock).toBe(true);
      // Another store has it too (set up directly: the console was exercised just above).
      const stores = await api<{ id: string; code: string }[]>('GET', '/admin/warehouses', {
        token: adminToken,
      });
      const storeId = (code: string) => stores.body.find((w) => w.code === code)!.id;
      const variantId = (await api<{ variants: { id: string }[] }>('GET', `/products/${productId}`)).body
        .variants[0]!.id;
      const north = await api('POST', '/admin/inventory/restock', {
        token: adminToken,
        body: { warehouse_id: storeId('DS-NORTH'), variant_id: variantId, quantity: 5 },
      });
      expect(north.status).toBe(200);

      await page.getByRole('button', { name: 'Adjust', exact: true }).first().click();
      dialog = page.getByRole('dialog', { name: 'Adjust stock' });
      await dialog.getByLabel('Find product').fill(productName);
      await dialog.getByLabel('Product', { exact: true }).selectOption({ label: productName });
      await dialog.getByLabel('Dark store').selectOption({ label: 'Cartwheel Central (DS-CENTRAL)' });
      await dialog.getByLabel('Counted on hand').fill('0');
      await dialog.getByLabel('Reason').fill('E2E cycle count: shelf empty');
      await dialog.getByRole('button', { name: 'Adjust stock' }).click();
      await toast(page, 'Adjust stock: saved');
      // The ledger shows both movements, and the store now has none to sell.
      await page.getByRole('button', { name: 'Movements' }).click();
      const ledger = page.getByRole('table', { name: 'Stock movements' });
      await ledger.getByRole('row').filter({ hasText: productName }).filter({ hasText: '+25' }).waitFor();
      await ledger.getByRole('row').filter({ hasText: productName }).filter({ hasText: '-25' }).waitFor();
      // Sold out at Central only: still in stock somewhere, but not for Central's shoppers.
      const inStock = async (query = '') =>
        (await api<{ in_stock: boolean }>('GET', `/products/${productId}${query}`)).body.in_stock;
      expect(await inStock()).toBe(true);
      expect(await inStock(`?store=${storeId('DS-CENTRAL')}`)).toBe(false);
      expect(await inStock(`?store=${storeId('DS-NORTH')}`)).toBe(true);
      expect(errors).toEqual([]);
      await context.close();

      // The storefront: a shopper served by Central sees it sold out; one served by North can add it.
      for (const [postalCode, button] of [
        [SERVED_POSTAL_CODE, { name: `${productName} is out of stock`, disabled: true }],
        ['10011', { name: `Add ${productName} to cart`, disabled: false }],
      ] as const) {
        const shopper = await newContext(browser, PHONE);
        await rememberPostalCode(shopper, postalCode);
        const store = await shopper.newPage();
        const storeErrors = watchErrors(store);
        await store.goto(`/search?q=${encodeURIComponent(productName)}`);
        const card = store.getByRole('button', { name: button.name, exact: true });
        await card.waitFor();
        expect(await card.isDisabled()).toBe(button.disabled);
        if (postalCode === SERVED_POSTAL_CODE) await screenshot(store, 'search-sold-out-at-store');
        expect(storeErrors).toEqual([]);
        await shopper.close();
      }
    },
  );

  it(
    'approves a refund request, refunds more from the order and shows the server refusing too much',
    { timeout: 120_000 },
    async () => {
      const context = await newContext(browser, DESKTOP);
      const page = await logIn(context, DEMO_ADMIN, '/admin/refunds');
      const errors = watchErrors(page);
      const item = page.getByRole('listitem', { name: `Refund request for order ${paidOrder.number}` });
      await item.getByText('“One item arrived crushed”').waitFor();
      // Staff approve a little less than asked.
      await item.getByLabel(`Amount to refund for order ${paidOrder.number}`).fill('0.80');
      await item.getByPlaceholder('Note (required to reject)').fill('Partial: one item only');
      await item.getByRole('button', { name: 'Approve $0.80' }).click();
      await toast(page, `Refunded $0.80 for order ${paidOrder.number}`);
      const done = await api<{
        items: { id: string; status: string; amount_cents: number; review_note: string }[];
      }>('GET', `/admin/refunds?order_id=${paidOrder.id}`, { token: adminToken });
      expect(done.body.items.find((r) => r.id === refundRequest.id)).toMatchObject({
        status: 'succeeded',
        amount_cents: 80,
        review_note: 'Partial: one item only',
      });

      // The order: staff refund one more dollar from the order page.
      await page.goto(`/admin/orders/${paidOrder.id}`);
      await page.getByRole('button', { name: 'Refund…' }).click();
      let dialog = page.getByRole('dialog', { name: `Refund order ${paidOrder.number}` });
      const left = paidOrder.total - 80;
      await dialog.getByTestId('refundable').getByText(usd(left)).waitFor();
      await dialog.getByLabel('Partial refund').check();
      await dialog.getByLabel('Amount to refund (USD)').fill('1');
      await dialog.getByLabel('Reason').fill('Goodwill');
      await dialog.getByRole('button', { name: 'Refund $1.00' }).click();
      await toast(page, 'Refunded $1.00');
      await page.getByText(`Refundable now: ${usd(left - 100)}`).waitFor();

      // Someone else refunds nearly the rest meanwhile: this dialog still offers the old amount, and the
      // server's 422 is shown in words.
      await page.getByRole('button', { name: 'Refund…' }).click();
      dialog = page.getByRole('dialog', { name: `Refund order ${paidOrder.number}` });
      await dialog.getByLabel('Partial refund').check();
      await dialog.getByLabel('Amount to refund (USD)').fill('1');
      await dialog.getByLabel('Reason').fill('Second goodwill');
      const paymentId = (
        await api<{ payment: { id: string } }>('GET', `/admin/orders/${paidOrder.id}`, { token: adminToken })
      ).body.payment.id;
      const rest = await api('POST', `/admin/payments/${paymentId}/refund`, {
        token: adminToken,
        // All but 50 cents: the refund below then asks for more than is left.
        body: { reason: 'Refund nearly all the rest', amount_cents: left - 100 - 50 },
      });
      expect(rest.status, JSON.stringify(rest.body)).toBe(201);
      await dialog.getByRole('button', { name: 'Refund $1.00' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: 'Not refunded: only $0.50 is still refundable' })
        .waitFor();
      await screenshot(page, 'admin-refund-refused');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(
        (await api<{ status: string }>('GET', `/admin/orders/${paidOrder.id}`, { token: adminToken })).body
          .status,
      ).toBe('partially_refunded');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('approves an order held by the fraud rules', { timeout: 60_000 }, async () => {
    if (!heldOrder) throw new Error('no held order was created in setup');
    const context = await newContext(browser, DESKTOP);
    const page = await logIn(context, DEMO_ADMIN, '/admin/fraud');
    const errors = watchErrors(page);
    const item = page.getByRole('listitem', { name: `Held order ${heldOrder.number}` });
    await item.getByRole('list', { name: 'Risk reasons' }).getByText('Recent failed payments').waitFor();
    await item.getByText('Many attempts by this account').waitFor();
    // The queue with something in it, at both sizes (the screen sweep below runs after approval).
    await screenshot(page, 'admin-fraud-held');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'admin-fraud-held');
    await page.setViewportSize(DESKTOP);
    await item.getByPlaceholder('Note (required to reject)').fill('Called the customer: genuine');
    await item.getByRole('button', { name: 'Approve' }).click();
    await toast(page, `order ${heldOrder.number} approved`);
    await item.waitFor({ state: 'detached' });
    const after = await api<{ status: string }>('GET', `/admin/orders/${heldOrder.id}`, {
      token: adminToken,
    });
    expect(after.body.status).toBe('confirmed');
    // The order page keeps the score, the reasons and the decision.
    await page.goto(`/admin/orders/${heldOrder.id}`);
    const check = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Fraud check' }) });
    await check.getByText('Approved', { exact: true }).waitFor();
    await check.getByText('Called the customer: genuine').waitFor();
    await check.getByText('Recent failed payments').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens an email in the dev mailbox, filtered by recipient', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, PHONE);
    const page = await logIn(context, DEMO_ADMIN, '/admin/mailbox');
    const errors = watchErrors(page);
    await page.getByLabel('Filter by recipient').fill(paidOrder.email);
    const list = page.getByRole('list', { name: 'Emails' });
    await page.waitForURL((u) => u.searchParams.get('to') === paidOrder.email);
    const links = list.getByRole('link');
    await links.first().waitFor();
    // Only mail to that customer is listed.
    for (const text of await links.allTextContents()) expect(text).toContain(paidOrder.email);
    await links.first().click();
    const email = page.getByRole('article', { name: /^Email: / });
    await email.waitFor();
    const frame = email.locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toMatch(/<(html|body|table|p)/i);
    expect((await page.frameLocator('article iframe').locator('body').innerText()).length).toBeGreaterThan(
      10,
    );
    await screenshot(page, 'admin-mailbox-open');
    await email.getByRole('button', { name: 'Plain text' }).click();
    await email.locator('pre').waitFor();
    await email.getByRole('link', { name: 'All emails' }).click();
    await list.waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

const SCREENS: { name: string; url: string; heading: string | RegExp }[] = [
  { name: 'dashboard', url: '/admin', heading: /Good to see you/ },
  { name: 'products', url: '/admin/products', heading: 'Products' },
  { name: 'product-new', url: '/admin/products/new', heading: 'Add product' },
  { name: 'product-import', url: '/admin/products/import', heading: 'Import products' },
  { name: 'categories', url: '/admin/categories', heading: 'Categories' },
  { name: 'inventory', url: '/admin/inventory', heading: 'Inventory' },
  { name: 'inventory-low', url: '/admin/inventory?tab=low', heading: 'Inventory' },
  { name: 'inventory-movements', url: '/admin/inventory?tab=movements', heading: 'Inventory' },
  { name: 'inventory-sync', url: '/admin/inventory?tab=sync', heading: 'Inventory' },
  { name: 'orders', url: '/admin/orders', heading: 'Orders' },
  { name: 'deliveries', url: '/admin/deliveries', heading: 'Deliveries' },
  { name: 'coupons', url: '/admin/coupons', heading: 'Coupons' },
  { name: 'tax-rates', url: '/admin/tax-rates', heading: 'Tax rates' },
  { name: 'reviews', url: '/admin/reviews', heading: 'Reviews' },
  { name: 'users', url: '/admin/users', heading: 'Users' },
  { name: 'jobs', url: '/admin/jobs', heading: 'Jobs' },
  { name: 'warehouses', url: '/admin/warehouses', heading: 'Dark stores' },
  { name: 'products-drafts', url: '/admin/products?status=draft', heading: 'Products' },
  { name: 'payments', url: '/admin/payments', heading: 'Payments' },
  { name: 'payments-analytics', url: '/admin/payments?tab=analytics', heading: 'Payments' },
  { name: 'refunds', url: '/admin/refunds?status=all', heading: 'Refunds' },
  { name: 'fraud', url: '/admin/fraud', heading: 'Fraud holds' },
  { name: 'mailbox', url: '/admin/mailbox', heading: 'Mailbox' },
];

describe('every console screen at phone and desktop size', () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`renders cleanly at ${viewport.width}×${viewport.height}`, { timeout: 180_000 }, async () => {
      const context = await newContext(browser, viewport);
      const login = await logIn(context, DEMO_ADMIN, '/admin');
      await login.close();
      const productId = (
        await api<{ items: { id: string }[] }>('GET', '/products?per_page=1&sort=popularity')
      ).body.items[0]!.id;
      const paymentId = (
        await api<{ items: { id: string }[] }>('GET', `/admin/payments?order_id=${paidOrder.id}`, {
          token: adminToken,
        })
      ).body.items[0]!.id;
      const mailId = (
        await api<{ items: { id: string }[] }>('GET', '/dev/mailbox?per_page=1', { token: adminToken })
      ).body.items[0]!.id;
      const screens = [
        ...SCREENS,
        { name: 'product-edit', url: `/admin/products/${productId}`, heading: /./ },
        {
          name: 'order-detail',
          url: `/admin/orders/${order.id}`,
          heading: new RegExp(`Order ${order.number}`),
        },
        {
          name: 'order-detail-paid',
          url: `/admin/orders/${paidOrder.id}`,
          heading: new RegExp(`Order ${paidOrder.number}`),
        },
        ...(heldOrder
          ? [
              {
                name: 'order-detail-held',
                url: `/admin/orders/${heldOrder.id}`,
                heading: new RegExp(`Order ${heldOrder.number}`),
              },
            ]
          : []),
        { name: 'payment-detail', url: `/admin/payments/${paymentId}`, heading: /./ },
        { name: 'mailbox-message', url: `/admin/mailbox/${mailId}`, heading: 'Mailbox' },
      ];
      const problems: string[] = [];
      for (const s of screens) {
        const page = await context.newPage();
        const errors = watchErrors(page);
        try {
          await page.goto(s.url);
          await page.getByRole('heading', { level: 1, name: s.heading }).first().waitFor();
          await page.waitForLoadState('networkidle');
          await screenshot(page, `admin-${s.name}`);
          if (s.name === 'dashboard' && viewport === PHONE) {
            await page.getByRole('button', { name: 'Open menu' }).click();
            await page.getByRole('dialog', { name: 'Menu' }).waitFor();
            await screenshot(page, 'admin-menu');
          }
        } catch (err) {
          problems.push(`${s.name}: ${(err as Error).message.split('\n')[0]}`);
        }
        problems.push(...errors.map((e) => `${s.name}: ${e}`));
        await page.close();
      }
      await context.close();
      expect(problems).toEqual([]);
    });
  }
});
