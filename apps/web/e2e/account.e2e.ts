import fs from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_SHOPPER,
  api,
  apiLogin,
  lastMail,
  launchBrowser,
  logInThroughUi,
  newContext,
  rememberPostalCode,
  screenshot,
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
  await rememberPostalCode(context);
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  await context?.close();
  expect(errors).toEqual([]);
});

describe('accounts', () => {
  it('logs in the demo shopper and shows their account', async () => {
    await page.goto('/login');
    await screenshot(page, 'login');
    await logInThroughUi(page, DEMO_SHOPPER, '/account');
    await page.getByRole('heading', { name: /^Hi, / }).waitFor();
    expect(await page.getByText(DEMO_SHOPPER.email).first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign-in activity' }).click();
    await page.getByText('Signed in').first().waitFor();
    await page.getByRole('button', { name: 'Profile' }).click();
    await screenshot(page, 'account');
  });

  it('rejects a wrong password with a clear message', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO_SHOPPER.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('signs up, verifies the email from the dev mailbox, and logs in', async () => {
    const email = uniqueEmail('e2e-signup');
    const password = 'sunny-garden-42';
    await page.goto('/signup');
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await screenshot(page, 'signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    const mail = await lastMail(email, /confirm|verify/i);
    const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(mail.text)![0];
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByRole('heading', { name: 'Email verified' }).waitFor();

    await logInThroughUi(page, { email, password }, '/account');
    await page.getByRole('heading', { name: 'Hi, Ada' }).waitFor();
    await page.getByText('· verified').waitFor();
  });

  it('resets a forgotten password through the emailed link', async () => {
    const email = uniqueEmail('e2e-reset');
    await page.goto('/signup');
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('first-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'reset link' }).waitFor();
    const mail = await lastMail(email, /reset/i);
    const link = new URL(/https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)![0]);
    await page.goto(link.pathname + link.search);
    await page.getByLabel('New password', { exact: true }).fill('second-password-2');
    await page.getByLabel('Confirm new password').fill('second-password-2');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/login');
    await logInThroughUi(page, { email, password: 'second-password-2' }, '/account');
    await page.getByRole('heading', { name: 'Hi, Grace' }).waitFor();
  });

  it('edits the profile, exports the data as a download, and deletes the account', async () => {
    const email = uniqueEmail('e2e-privacy');
    const password = 'private-matters-5';
    expect(
      (await api('POST', '/auth/register', { body: { email, password, first_name: 'Lin' } })).status,
    ).toBe(201);
    await logInThroughUi(page, { email, password }, '/account');

    await page.getByLabel('Last name').fill('Okafor');
    await page.getByLabel('Phone').fill('+14155550123');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
    const token = await apiLogin({ email, password });
    expect(
      (await api<{ last_name: string; phone: string }>('GET', '/auth/me', { token })).body,
    ).toMatchObject({
      last_name: 'Okafor',
      phone: '+14155550123',
    });

    await page.getByRole('button', { name: 'Privacy & data' }).click();
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Export my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('cartwheel-my-data.json');
    const exported = JSON.parse(await fs.readFile((await file.path())!, 'utf8'));
    expect(JSON.stringify(exported)).toContain(email);

    await page.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.getByLabel('Password').fill('wrong-password-0');
    await dialog.getByRole('button', { name: 'Delete permanently' }).click();
    await dialog.getByText('Password is incorrect').waitFor();
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Delete permanently' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.evaluate(() => localStorage.getItem('cw.session'))).toBeNull();
    expect((await api('POST', '/auth/login', { body: { email, password } })).status).toBe(401);
  });
});
