import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  apiLogin,
  launchBrowser,
  logInThroughUi,
  newContext,
  uniqueEmail,
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
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  await context?.close();
  expect(errors).toEqual([]);
});

type Review = { id: string; helpful_count: number; title: string };

describe('reviews on the product page', () => {
  it('writes, then edits, my own review, which waits for moderation', async () => {
    const email = uniqueEmail('e2e-reviewer');
    const password = 'honest-opinion-3';
    expect(
      (await api('POST', '/auth/register', { body: { email, password, first_name: 'Rae' } })).status,
    ).toBe(201);
    const products = await api<{ items: { id: string; slug: string }[] }>(
      'GET',
      '/products?q=coffee&per_page=1',
    );
    const product = products.body.items[0]!;

    await logInThroughUi(page, { email, password }, `/p/${product.slug}`);
    await page.getByRole('button', { name: 'Write a review' }).click();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText('Choose a rating from 1 to 5 stars').waitFor();
    await page
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: '4 stars' }) })
      .click();
    await page.getByLabel('Title').fill('Smooth and rich');
    await page.getByLabel('Your review').fill('Great morning cup, not bitter at all.');
    await page.getByRole('button', { name: 'Submit review' }).click();
    const mine = page.getByText('Your review', { exact: true }).locator('xpath=../..');
    await mine.getByText('Waiting for moderation').waitFor();
    await mine.getByText('Smooth and rich').waitFor();

    await mine.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('Smooth, rich, fair price');
    await page.getByRole('button', { name: 'Update review' }).click();
    await page.getByText('Smooth, rich, fair price').waitFor();
    const token = await apiLogin({ email, password });
    const stored = await api<{ items: { title: string; rating: number; status: string }[] }>(
      'GET',
      '/me/reviews',
      { token },
    );
    expect(stored.body.items[0]).toMatchObject({
      title: 'Smooth, rich, fair price',
      rating: 4,
      status: 'pending',
    });
  });

  it('votes a published review helpful, and votes again to take it back', async () => {
    const search = await api<{ items: { id: string; slug: string; rating_count: number }[] }>(
      'GET',
      '/products?sort=rating&per_page=20',
    );
    const product = search.body.items.find((p) => p.rating_count > 0)!;
    const email = uniqueEmail('e2e-voter');
    const password = 'thumbs-up-for-you-1';
    expect(
      (await api('POST', '/auth/register', { body: { email, password, first_name: 'Vo' } })).status,
    ).toBe(201);
    await logInThroughUi(page, { email, password }, `/p/${product.slug}`);

    const reviews = page.getByRole('list', { name: 'Reviews' });
    await reviews.getByRole('listitem').first().waitFor();
    const helpful = reviews
      .getByRole('listitem')
      .first()
      .getByRole('button', { name: /^Helpful/ });
    const before = Number(/\((\d+)\)/.exec((await helpful.getAttribute('aria-label'))!)![1]);
    await helpful.click();
    await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => helpful.getAttribute('aria-label')).toBe(`Helpful (${before + 1})`);
    await helpful.click();
    await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => helpful.getAttribute('aria-label')).toBe(`Helpful (${before})`);
    const first = (await api<{ items: Review[] }>('GET', `/products/${product.id}/reviews`)).body.items[0]!;
    expect(first.helpful_count).toBe(before);
  });
});
