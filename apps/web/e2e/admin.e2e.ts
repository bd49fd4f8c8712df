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
  launchBrowser,
  newContext,
  screenshot,
  uniqueEmail,
  watchErrors,
} from './support.js';

/**
 * The admin console and the rider view against the real server: an admin creates a product with
 * an image, stocks it and zeroes it, moves a real order along, moderates a review and assigns the
 * delivery; the rider sees it. Then every console screen at phone and desktop size.
 */

const DEMO_RIDER = { email: 'rider@cartwheel.dev', password: 'cartwheel-rider-1' };

let browser: Browser;
let adminToken: string;
let order: { id: string; number: string };
const stamp = Date.now().toString(36);
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
  const products = await api<{ items: { default_variant_id: string }[] }>(
    'GET',
    '/products?in_stock=true&per_page=2',
  );
  for (const p of products.body.items)
    expect(
      (await api('POST', '/cart/items', { token, body: { variant_id: p.default_variant_id, quantity: 1 } }))
        .status,
    ).toBe(200);
  const placed = await api<{ id: string; number: string }>('POST', '/orders/checkout', {
    token,
    headers: { 'idempotency-key': `admin-e2e-${stamp}` },
    body: { shipping_address_id: address.body.id, payment_method: 'cod' },
  });
  expect(placed.status).toBe(201);
  order = placed.body;
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
      expect((await api<{ in_stock: boolean }>('GET', `/products/${productId}`)).body.in_stock).toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
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
      const screens = [
        ...SCREENS,
        { name: 'product-edit', url: `/admin/products/${productId}`, heading: /./ },
        {
          name: 'order-detail',
          url: `/admin/orders/${order.id}`,
          heading: new RegExp(`Order ${order.number}`),
        },
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
