import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  api,
  launchBrowser,
  newContext,
  rememberPostalCode,
  screenshot,
  usd,
  watchErrors,
} from './support.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
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

describe('storefront browsing', () => {
  it('home shows the delivery promise, categories and product cards with prices and add buttons', async () => {
    await page.goto('/');
    await expect
      .poll(() => page.getByTestId('location-button').innerText())
      .toMatch(/Delivery in \d+ minutes/);
    await page.getByRole('navigation', { name: 'Shop by category' }).getByRole('link').first().waitFor();
    const featured = page.getByRole('region', { name: 'Featured this week' });
    await featured.getByRole('article').first().waitFor();
    expect(await featured.getByRole('article').count()).toBeGreaterThan(3);
    const first = featured.getByRole('article').first();
    expect(await first.innerText()).toMatch(/\$\d+\.\d\d/);
    expect(await first.getByRole('button', { name: /Add .* to cart|out of stock/ }).count()).toBe(1);
    await screenshot(page, 'home');
  });

  it('picks the dark store from a postal code, and says so when nobody delivers there', async () => {
    await page.goto('/');
    await page.getByTestId('location-button').click();
    const dialog = page.getByRole('dialog', { name: 'Where should we deliver?' });
    const code = dialog.getByRole('textbox', { name: 'Postal code' });
    await code.fill('99999');
    await dialog.getByRole('button', { name: 'Check delivery' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'We don’t deliver to 99999 yet' }).waitFor();
    await code.fill('10015');
    await dialog.getByRole('button', { name: 'Check delivery' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const store = await api<{ eta_minutes: number; warehouse: { name: string } }>(
      'GET',
      '/stores/resolve?postal_code=10015',
    );
    await expect
      .poll(() => page.getByTestId('location-button').innerText())
      .toContain(`Delivery in ${store.body.eta_minutes} minutes`);
    expect(await page.getByTestId('location-button').innerText()).toContain(store.body.warehouse.name);
    // Remembered on this device.
    await page.reload();
    await expect.poll(() => page.getByTestId('location-button').innerText()).toContain('10015');
  });

  it('searches as you type, then lists results for the words typed', async () => {
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.fill('mil');
    const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/milk/i)]));
    await box.fill('milk');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=milk/);
    await page.getByRole('heading', { name: /Results for “milk”/ }).waitFor();
    const cards = page.locator('main article');
    await cards.first().waitFor();
    expect((await cards.allInnerTexts()).some((t) => /milk/i.test(t))).toBe(true);
    await screenshot(page, 'search');
  });

  it('tolerates a typo in the search', async () => {
    await page.goto('/search?q=chedar');
    await page.locator('main article').first().waitFor();
    expect((await page.locator('main article h3').allInnerTexts()).some((t) => /cheddar/i.test(t))).toBe(
      true,
    );
  });

  it('filters a category by brand with facet counts, and the URL keeps the filter', async () => {
    await context.close();
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto('/c/dairy-bread-eggs');
    await page.getByRole('heading', { level: 1, name: 'Dairy, Bread & Eggs' }).waitFor();
    const count = page.getByTestId('result-count');
    // The count is blank until the first page arrives.
    await expect.poll(async () => /^\d+ /.test((await count.innerText()).trim())).toBe(true);
    const total = Number((await count.innerText()).split(' ')[0]);
    const filters = page.getByRole('complementary', { name: 'Filters' });
    const brand = filters.getByRole('group', { name: 'Brand' }).getByRole('checkbox').first();
    const label = await brand.locator('xpath=..').innerText();
    const [, brandName, facet] = /^(.*)\s+(\d+)$/s.exec(label.trim())!;
    // The box is controlled by the URL: it shows checked once the navigation lands.
    await brand.click();
    await page.waitForURL(/brand=/);
    await expect.poll(async () => Number((await count.innerText()).split(' ')[0])).toBe(Number(facet));
    expect(Number(facet)).toBeLessThan(total);
    for (const text of await page.locator('main article h3').allInnerTexts())
      expect(text.toLowerCase()).toContain(brandName!.trim().split(' ')[0]!.toLowerCase());
    await page.reload();
    await expect.poll(() => brand.isChecked()).toBe(true);
    await screenshot(page, 'category');
  });

  it('product page: gallery, variants with their own price, stock and reviews', async () => {
    const search = await api<{ items: { slug: string; has_variants: boolean }[] }>(
      'GET',
      '/products?q=whole%20milk',
    );
    const slug = search.body.items.find((p) => p.has_variants)!.slug;
    const product = await api<{
      name: string;
      variants: { name: string; effective_price_cents: number; is_default: boolean }[];
    }>('GET', `/products/slug/${slug}`);
    await page.goto(`/p/${slug}`);
    await page.getByRole('heading', { level: 1, name: product.body.name }).waitFor();
    expect(await page.title()).toContain(product.body.name);
    const other = product.body.variants.find((v) => !v.is_default)!;
    await page.getByRole('radio', { name: new RegExp(other.name) }).check({ force: true });
    await page.getByText(usd(other.effective_price_cents), { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Ratings & reviews' }).waitFor();
    expect(
      await page
        .getByText(/In stock|Out of stock/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'product');
  });

  it('serves product URLs with their SEO head inside the app shell', async () => {
    const search = await api<{ items: { slug: string; name: string }[] }>('GET', '/products?per_page=1');
    const p = search.body.items[0]!;
    const res = await page.request.get(`/p/${p.slug}`, { headers: { accept: 'text/html' } });
    const body = await res.text();
    expect(res.status()).toBe(200);
    expect(body).toContain('"@type":"Product"');
    expect(body).toContain('<div id="root">');
    expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
  });
});
