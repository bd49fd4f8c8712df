import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  login,
  signedIn,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  body?: unknown,
) => call(t.app, method, `/api/v1${url}`, { token, body });

describe('profile (AUTH-6)', () => {
  it('updates only the sent fields and validates each', async () => {
    const u = await signedIn(t);
    const res = await api('PUT', '/auth/me', u.token, {
      first_name: 'Maria',
      phone: '+14155550123',
      date_of_birth: '1990-05-17',
      marketing_opt_in: true,
      notification_prefs: { promotions: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      first_name: 'Maria',
      last_name: 'User',
      phone: '+14155550123',
      date_of_birth: '1990-05-17',
      marketing_opt_in: true,
      notification_prefs: { order_updates: true, promotions: true, sms: false },
    });
    const empty = await api('PATCH', '/auth/me', u.token, {});
    expect(empty.status).toBe(200);
    const cleared = await api('PATCH', '/auth/me', u.token, { phone: null });
    expect(cleared.body.phone).toBeNull();
    expect(cleared.body.first_name).toBe('Maria');
  });

  it.each([
    [{ phone: '0415 555 0123' }, 'body.phone'],
    [{ phone: '+1' }, 'body.phone'],
    [{ date_of_birth: '2030-01-01' }, 'body.date_of_birth'],
    [{ date_of_birth: '17/05/1990' }, 'body.date_of_birth'],
    [{ first_name: '' }, 'body.first_name'],
    [{ marketing_opt_in: 'yes' }, 'body.marketing_opt_in'],
    [{ notification_prefs: { unknown: true } }, 'body.notification_prefs'],
    [{ email: 'new@example.com' }, 'body'],
    [{ role: 'admin' }, 'body'],
  ])('rejects %j with 422 and changes nothing', async (patch, field) => {
    const u = await signedIn(t);
    const before = await api('GET', '/auth/me', u.token);
    const res = await api('PUT', '/auth/me', u.token, patch);
    expect(res.status).toBe(422);
    expect(
      res.body.errors.map((e: { field: string }) => e.field).some((f: string) => f.startsWith(field)),
    ).toBe(true);
    expect((await api('GET', '/auth/me', u.token)).body).toEqual(before.body);
  });

  it('refuses a username someone else has', async () => {
    const a = await signedIn(t);
    const b = await signedIn(t);
    expect((await api('PUT', '/auth/me', a.token, { username: 'unique_handle' })).status).toBe(200);
    const res = await api('PUT', '/auth/me', b.token, { username: 'Unique_Handle' });
    expect(res.status).toBe(409);
  });
});

const home = {
  label: 'Home',
  full_name: 'Maria Silva',
  phone: '+14155550123',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94105',
  country: 'us',
};

describe('address book (AUTH-7)', () => {
  it('makes the first address the default and keeps exactly one default', async () => {
    const u = await signedIn(t);
    const first = await api('POST', '/auth/me/addresses', u.token, home);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ country: 'US', is_default_shipping: true, is_default_billing: true });
    const second = await api('POST', '/auth/me/addresses', u.token, {
      ...home,
      label: 'Work',
      postal_code: 'SW1A1AA',
      country: 'GB',
      city: 'London',
      is_default_shipping: true,
    });
    expect(second.status).toBe(201);
    expect(second.body.postal_code).toBe('SW1A 1AA');
    const list = (await api('GET', '/auth/me/addresses', u.token)).body;
    expect(list).toHaveLength(2);
    expect(list.filter((a: { is_default_shipping: boolean }) => a.is_default_shipping)).toHaveLength(1);
    expect(list[0].id).toBe(second.body.id);
    expect(list.find((a: { id: string }) => a.id === first.body.id).is_default_billing).toBe(true);

    // Deleting the default hands it to the remaining address.
    expect((await api('DELETE', `/auth/me/addresses/${second.body.id}`, u.token)).status).toBe(204);
    const after = (await api('GET', '/auth/me/addresses', u.token)).body;
    expect(after).toHaveLength(1);
    expect(after[0].is_default_shipping).toBe(true);
  });

  it('updates fields and re-validates the postal code against the country', async () => {
    const u = await signedIn(t);
    const a = (await api('POST', '/auth/me/addresses', u.token, home)).body;
    const moved = await api('PATCH', `/auth/me/addresses/${a.id}`, u.token, { line2: 'Floor 3' });
    expect(moved.status).toBe(200);
    expect(moved.body.line2).toBe('Floor 3');
    const bad = await api('PATCH', `/auth/me/addresses/${a.id}`, u.token, {
      country: 'DE',
      postal_code: '941',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('body.postal_code');
    expect((await api('GET', `/auth/me/addresses/${a.id}`, u.token)).body.country).toBe('US');
  });

  it.each([
    [{ postal_code: 'ABCDE' }, 'body.postal_code'],
    [{ line1: '' }, 'body.line1'],
    [{ line1: undefined }, 'body.line1'],
    [{ country: 'USA' }, 'body.country'],
    [{ phone: '12345' }, 'body.phone'],
    [{ city: 'x'.repeat(101) }, 'body.city'],
  ])('rejects %j with 422', async (patch, field) => {
    const u = await signedIn(t);
    const res = await api('POST', '/auth/me/addresses', u.token, { ...home, ...patch });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await api('GET', '/auth/me/addresses', u.token)).body).toHaveLength(0);
  });

  it("answers 404 for another user's address on every verb, and changes nothing", async () => {
    const owner = await signedIn(t);
    const other = await signedIn(t);
    const a = (await api('POST', '/auth/me/addresses', owner.token, home)).body;
    expect((await api('GET', `/auth/me/addresses/${a.id}`, other.token)).status).toBe(404);
    expect((await api('PATCH', `/auth/me/addresses/${a.id}`, other.token, { city: 'Hacked' })).status).toBe(
      404,
    );
    expect((await api('DELETE', `/auth/me/addresses/${a.id}`, other.token)).status).toBe(404);
    const mine = await api('GET', `/auth/me/addresses/${a.id}`, owner.token);
    expect(mine.body.city).toBe('San Francisco');
    expect((await api('GET', '/auth/me/addresses/not-a-uuid', owner.token)).status).toBe(422);
  });

  it('keeps one default under concurrent "make default" requests', async () => {
    const u = await signedIn(t);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await api('POST', '/auth/me/addresses', u.token, home)).body.id);
    const results = await Promise.all(
      ids.map((id) => api('PATCH', `/auth/me/addresses/${id}`, u.token, { is_default_shipping: true })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const list = (await api('GET', '/auth/me/addresses', u.token)).body;
    expect(list.filter((a: { is_default_shipping: boolean }) => a.is_default_shipping)).toHaveLength(1);
  });
});

describe('roles and administration (AUTH-8)', () => {
  it('keeps customers out of staff routes and staff out of admin-only routes', async () => {
    const customer = await signedIn(t);
    const staff = await signedIn(t, 'staff');
    expect((await api('GET', '/admin/users', customer.token)).status).toBe(403);
    expect((await api('GET', '/admin/users', staff.token)).status).toBe(200);
    expect(
      (await api('PUT', `/admin/users/${customer.id}/role`, staff.token, { role: 'admin' })).status,
    ).toBe(403);
    expect((await api('GET', '/dev/mailbox', staff.token)).status).toBe(403);
  });

  it('admin searches, changes roles and suspends; a suspended user cannot log in or refresh', async () => {
    const admin = await signedIn(t, 'admin');
    const target = await signedIn(t);
    const found = await api('GET', `/admin/users?q=${encodeURIComponent(target.email)}`, admin.token);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({ id: target.id, status: 'active' });

    const promoted = await api('PUT', `/admin/users/${target.id}/role`, admin.token, { role: 'rider' });
    expect(promoted.body.role).toBe('rider');
    // Role changes invalidate outstanding access tokens (token version).
    expect((await api('GET', '/auth/me', target.token)).status).toBe(401);

    const fresh = await login(t, target.email);
    const suspended = await api('POST', `/admin/users/${target.id}/suspend`, admin.token, {
      reason: 'chargebacks',
    });
    expect(suspended.body.status).toBe('suspended');
    expect((await api('GET', '/auth/me', fresh.access_token)).status).toBe(401);
    expect((await api('POST', '/auth/refresh', undefined, undefined)).status).toBe(422);
    expect(
      (await call(t.app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: fresh.refresh_token } }))
        .status,
    ).toBe(401);
    const blocked = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: target.email, password: STRONG_PASSWORD },
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('ACCOUNT_SUSPENDED');

    const filtered = await api('GET', '/admin/users?status=suspended&role=rider', admin.token);
    expect(filtered.body.items.map((u: { id: string }) => u.id)).toContain(target.id);

    expect((await api('POST', `/admin/users/${target.id}/reactivate`, admin.token)).body.status).toBe(
      'active',
    );
    expect((await login(t, target.email)).access_token).toBeTruthy();
  });

  it('refuses self-demotion, self-suspension, unknown users and bad roles', async () => {
    const admin = await signedIn(t, 'admin');
    expect(
      (await api('PUT', `/admin/users/${admin.id}/role`, admin.token, { role: 'customer' })).status,
    ).toBe(403);
    expect((await api('POST', `/admin/users/${admin.id}/suspend`, admin.token, {})).status).toBe(403);
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect((await api('POST', `/admin/users/${ghost}/suspend`, admin.token, {})).status).toBe(404);
    const u = await signedIn(t);
    expect((await api('PUT', `/admin/users/${u.id}/role`, admin.token, { role: 'superuser' })).status).toBe(
      422,
    );
    expect((await api('GET', '/admin/users?per_page=100000', admin.token)).body.per_page).toBe(100);
    expect((await api('GET', '/admin/users?page=0', admin.token)).status).toBe(422);
    expect(
      (await api('GET', `/admin/users?q=${encodeURIComponent("%' or 1=1 --")}`, admin.token)).body.total,
    ).toBe(0);
  });
});

describe('GDPR (AUTH-10)', () => {
  it('exports my data through a job, downloadable only by me', async () => {
    const u = await signedIn(t);
    await api('POST', '/auth/me/addresses', u.token, home);
    const started = await api('POST', '/auth/me/export', u.token);
    expect(started.status).toBe(202);
    const { job_id, download_url } = started.body;
    const early = await call(t.app, 'GET', download_url, { token: u.token });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('EXPORT_NOT_READY');
    await t.drain();
    const file = await call(t.app, 'GET', download_url, { token: u.token });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.body.profile.email).toBe(u.email);
    expect(file.body.addresses).toHaveLength(1);
    expect(file.body.account_events.length).toBeGreaterThan(0);
    expect(JSON.stringify(file.body)).not.toMatch(/argon2|password_hash|token_hash/);

    const other = await signedIn(t);
    expect((await call(t.app, 'GET', download_url, { token: other.token })).status).toBe(404);
    const { rows } = await t.database.pool.query('select status, progress, user_id from jobs where id = $1', [
      job_id,
    ]);
    expect(rows[0]).toMatchObject({ status: 'completed', progress: 100, user_id: u.id });
  });

  it('deletes my account by anonymising it; the old credentials stop working', async () => {
    const u = await signedIn(t);
    await api('PUT', '/auth/me', u.token, { phone: '+14155550123' });
    await api('POST', '/auth/me/addresses', u.token, home);
    expect((await api('DELETE', '/auth/me', u.token, { password: 'wrong-password-1' })).status).toBe(400);
    expect((await api('DELETE', '/auth/me', u.token, { password: STRONG_PASSWORD })).status).toBe(204);
    expect((await api('GET', '/auth/me', u.token)).status).toBe(401);
    const relogin = await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: u.email, password: STRONG_PASSWORD },
    });
    expect(relogin.status).toBe(401);
    const { rows } = await t.database.pool.query(
      'select email, first_name, phone, status from users where id = $1',
      [u.id],
    );
    expect(rows[0]).toEqual({
      email: `deleted-${u.id}@deleted.invalid`,
      first_name: null,
      phone: null,
      status: 'deleted',
    });
    const addr = await t.database.pool.query('select count(*)::int as n from addresses where user_id = $1', [
      u.id,
    ]);
    expect(addr.rows[0].n).toBe(0);
    // The email is free for a new account.
    const again = await call(t.app, 'POST', '/api/v1/auth/register', {
      body: { email: u.email, password: STRONG_PASSWORD, first_name: 'New' },
    });
    expect(again.status).toBe(201);
  });
});

describe('dev mailbox (JOB-7)', () => {
  it('lets admins read sent emails', async () => {
    const admin = await signedIn(t, 'admin');
    const email = uniqueEmail('mailbox');
    await call(t.app, 'POST', '/api/v1/auth/register', {
      body: { email, password: STRONG_PASSWORD, first_name: 'M' },
    });
    await t.drain();
    const list = await api('GET', `/dev/mailbox?to=${encodeURIComponent(email)}`, admin.token);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ subject: 'Confirm your email address', transport: 'dev' });
    const one = await api('GET', `/dev/mailbox/${list.body.items[0].id}`, admin.token);
    expect(one.body.html).toContain('Confirm email');
    expect(one.body.text).toContain('/verify-email?token=');
  });
});
