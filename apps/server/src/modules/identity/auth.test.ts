import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  lastMail,
  login,
  registerUser,
  STRONG_PASSWORD,
  tokenFromMail,
  uniqueEmail,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const post = (url: string, body?: unknown, token?: string) =>
  call(t.app, 'POST', `/api/v1${url}`, { body, token });

describe('register (AUTH-1)', () => {
  it('creates a customer, hides the password and mails a verification link', async () => {
    const email = uniqueEmail();
    const res = await post('/auth/register', {
      email: email.toUpperCase(),
      password: STRONG_PASSWORD,
      first_name: 'Ana',
      last_name: 'Lima',
      username: 'ana_lima',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, first_name: 'Ana', role: 'customer', email_verified: false });
    expect(JSON.stringify(res.body)).not.toMatch(/password|argon/i);
    await t.drain();
    const mail = await lastMail(t, email, 'identity.verify_email');
    expect(mail?.sentAt).toBeTruthy();
    expect(tokenFromMail(mail!.text)).toBeTruthy();
  });

  it('rejects a duplicate email (any case) with 409 and a duplicate username with 409', async () => {
    const { email } = await registerUser(t);
    const dup = await post('/auth/register', {
      email: email.toUpperCase(),
      password: STRONG_PASSWORD,
      first_name: 'X',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
    await post('/auth/register', {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      first_name: 'X',
      username: 'Taken.Name',
    });
    const dupName = await post('/auth/register', {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      first_name: 'X',
      username: 'taken.name',
    });
    expect(dupName.status).toBe(409);
    expect(dupName.body.code).toBe('USERNAME_TAKEN');
  });

  it('lets exactly one of many concurrent registrations with the same email win', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        post('/auth/register', { email, password: STRONG_PASSWORD, first_name: 'R' }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const { rows } = await t.database.pool.query('select count(*)::int as n from users where email = $1', [
      email,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it.each([
    ['short password', { password: 'abc1' }, 'body.password'],
    ['password without digit', { password: 'onlyletters-here' }, 'body.password'],
    ['common password', { password: 'Password123' }, 'body.password'],
    ['129-char password', { password: `a1${'x'.repeat(127)}` }, 'body.password'],
    ['bad email', { email: 'not-an-email' }, 'body.email'],
    ['email as number', { email: 42 }, 'body.email'],
    ['missing first name', { first_name: undefined }, 'body.first_name'],
    ['html in name', { first_name: '<script>' }, 'body.first_name'],
    ['username with spaces', { username: 'a b c' }, 'body.username'],
    ['unknown field', { role: 'admin' }, 'body'],
  ])('rejects %s with 422 naming the field, and writes nothing', async (_label, patch, field) => {
    const email = uniqueEmail('bad');
    const body = { email, password: STRONG_PASSWORD, first_name: 'Bad', ...patch };
    const res = await post('/auth/register', body);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const { rows } = await t.database.pool.query('select count(*)::int as n from users where email = $1', [
      email,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('answers malformed JSON with 400, a wrong content type with 415 and an oversized body with 413', async () => {
    const bad = await call(t.app, 'POST', '/api/v1/auth/register', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('MALFORMED_BODY');
    const xml = await call(t.app, 'POST', '/api/v1/auth/register', {
      body: '<user/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    const huge = await post('/auth/register', {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      first_name: 'x'.repeat(2_000_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('BODY_TOO_LARGE');
    const arr = await post('/auth/register', [1, 2, 3]);
    expect(arr.status).toBe(422);
  });
});

describe('email verification (AUTH-2)', () => {
  it('verifies once with the mailed token; the token cannot be replayed', async () => {
    const { email } = await registerUser(t);
    await t.drain();
    const token = tokenFromMail((await lastMail(t, email, 'identity.verify_email'))!.text)!;
    const ok = await post('/auth/verify-email', { token });
    expect(ok.status).toBe(200);
    expect(ok.body.email_verified).toBe(true);
    const replay = await post('/auth/verify-email', { token });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('INVALID_TOKEN');
  });

  it('resend replaces the old link; answers the same for unknown emails', async () => {
    const { email } = await registerUser(t);
    const first = tokenFromMail((await lastMail(t, email, 'identity.verify_email'))!.text)!;
    const resent = await post('/auth/resend-verification', { email });
    expect(resent.status).toBe(202);
    const second = tokenFromMail((await lastMail(t, email, 'identity.verify_email'))!.text)!;
    expect(second).not.toBe(first);
    expect((await post('/auth/verify-email', { token: first })).status).toBe(400);
    expect((await post('/auth/verify-email', { token: second })).status).toBe(200);
    const unknown = await post('/auth/resend-verification', { email: uniqueEmail('nobody') });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(resent.body);
  });

  it('rejects expired and made-up tokens', async () => {
    const { email, id } = await registerUser(t);
    const token = tokenFromMail((await lastMail(t, email, 'identity.verify_email'))!.text)!;
    await t.database.pool.query(
      `update email_tokens set expires_at = now() - interval '1 second' where user_id = $1`,
      [id],
    );
    expect((await post('/auth/verify-email', { token })).status).toBe(400);
    expect((await post('/auth/verify-email', { token: 'x'.repeat(43) })).status).toBe(400);
    expect((await post('/auth/verify-email', { token: 5 })).status).toBe(422);
  });
});

describe('login, tokens and sessions (AUTH-3, AUTH-4)', () => {
  it('returns a short-lived access token and a refresh token that works once', async () => {
    const { email } = await registerUser(t);
    const tokens = await login(t, email);
    expect(tokens.access_token.split('.')).toHaveLength(3);
    const me = await call(t.app, 'GET', '/api/v1/auth/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);

    const refreshed = await post('/auth/refresh', { refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    const { rows } = await t.database.pool.query('select token_hash from refresh_tokens');
    expect(rows.map((r) => r.token_hash)).not.toContain(tokens.refresh_token);
  });

  it('treats reuse of a rotated refresh token as theft: the whole session is revoked', async () => {
    const { email } = await registerUser(t);
    const first = await login(t, email);
    const second = (await post('/auth/refresh', { refresh_token: first.refresh_token })).body;
    const reuse = await post('/auth/refresh', { refresh_token: first.refresh_token });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate-looking newer token of the same session is dead too, and so is its access token.
    expect((await post('/auth/refresh', { refresh_token: second.refresh_token })).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: second.access_token })).status).toBe(401);
  });

  it('of concurrent refreshes with one token, at most one succeeds', async () => {
    const { email } = await registerUser(t);
    const tokens = await login(t, email);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => post('/auth/refresh', { refresh_token: tokens.refresh_token })),
    );
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(results.every((r) => r.status === 200 || r.status === 401)).toBe(true);
  });

  it('rejects wrong passwords and unknown emails alike', async () => {
    const { email } = await registerUser(t);
    const wrong = await post('/auth/login', { email, password: 'wrong-password-1' });
    const unknown = await post('/auth/login', { email: uniqueEmail('ghost'), password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe(unknown.body.code);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it.each([
    ['no header', undefined],
    ['garbage', 'Bearer not.a.jwt'],
    ['wrong scheme', 'Basic abc'],
  ])('guards /auth/me: %s → 401', async (_l, header) => {
    const res = await call(t.app, 'GET', '/api/v1/auth/me', {
      headers: header ? { authorization: header } : {},
    });
    expect(res.status).toBe(401);
  });

  it('rejects a tampered access token and one signed with another key', async () => {
    const { email } = await registerUser(t);
    const { access_token } = await login(t, email);
    const [h, p, s] = access_token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: forged })).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/v1/admin/users', { token: forged })).status).toBe(401);
  });

  it('rejects an expired access token with TOKEN_EXPIRED', async () => {
    const short = await createTestApp({ ACCESS_TOKEN_TTL: '1s' });
    try {
      const { email } = await registerUser(short);
      const { access_token } = await login(short, email);
      await new Promise((r) => setTimeout(r, 2100));
      const res = await call(short.app, 'GET', '/api/v1/auth/me', { token: access_token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    } finally {
      await short.close();
    }
  });

  it('logout ends this session only; logout-all ends every session and access token', async () => {
    const { email } = await registerUser(t);
    const a = await login(t, email);
    const b = await login(t, email);
    expect((await post('/auth/logout', undefined, a.access_token)).status).toBe(204);
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: a.access_token })).status).toBe(401);
    expect((await post('/auth/refresh', { refresh_token: a.refresh_token })).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: b.access_token })).status).toBe(200);

    const c = await login(t, email);
    expect((await post('/auth/logout-all', undefined, c.access_token)).status).toBe(204);
    for (const s of [b, c]) {
      expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: s.access_token })).status).toBe(401);
      expect((await post('/auth/refresh', { refresh_token: s.refresh_token })).status).toBe(401);
    }
    expect((await login(t, email)).access_token).toBeTruthy();
  });

  it('lists my sessions and marks the current one', async () => {
    const { email } = await registerUser(t);
    await login(t, email);
    const cur = await login(t, email);
    const res = await call(t.app, 'GET', '/api/v1/auth/me/sessions', { token: cur.access_token });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });
});

describe('password reset and change (AUTH-5)', () => {
  it('resets with the single-use mailed token, revoking every session', async () => {
    const { email } = await registerUser(t);
    const session = await login(t, email);
    expect((await post('/auth/forgot-password', { email })).status).toBe(202);
    const token = tokenFromMail((await lastMail(t, email, 'identity.reset_password'))!.text)!;
    const newPassword = 'brand-new-secret-42';
    expect((await post('/auth/reset-password', { token, password: newPassword })).status).toBe(204);
    expect((await post('/auth/reset-password', { token, password: 'another-secret-43' })).status).toBe(400);
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: session.access_token })).status).toBe(401);
    expect((await post('/auth/refresh', { refresh_token: session.refresh_token })).status).toBe(401);
    expect((await post('/auth/login', { email, password: STRONG_PASSWORD })).status).toBe(401);
    expect((await login(t, email, newPassword)).access_token).toBeTruthy();
    expect(await lastMail(t, email, 'identity.password_changed')).toBeTruthy();
  });

  it('answers forgot-password the same for unknown emails and sends nothing', async () => {
    const ghost = uniqueEmail('ghost');
    const res = await post('/auth/forgot-password', { email: ghost });
    expect(res.status).toBe(202);
    expect(await lastMail(t, ghost)).toBeUndefined();
  });

  it('rejects an expired reset token and a weak new password', async () => {
    const { email, id } = await registerUser(t);
    await post('/auth/forgot-password', { email });
    const token = tokenFromMail((await lastMail(t, email, 'identity.reset_password'))!.text)!;
    expect((await post('/auth/reset-password', { token, password: 'short' })).status).toBe(422);
    await t.database.pool.query(
      `update email_tokens set expires_at = now() - interval '1 second' where user_id = $1 and purpose = 'reset_password'`,
      [id],
    );
    expect((await post('/auth/reset-password', { token, password: 'brand-new-secret-42' })).status).toBe(400);
    expect((await login(t, email)).access_token).toBeTruthy();
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const { email } = await registerUser(t);
    const other = await login(t, email);
    const me = await login(t, email);
    const wrong = await post(
      '/auth/me/password',
      { current_password: 'nope-nope-1', new_password: 'brand-new-secret-42' },
      me.access_token,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    const ok = await post(
      '/auth/me/password',
      { current_password: STRONG_PASSWORD, new_password: 'brand-new-secret-42' },
      me.access_token,
    );
    expect(ok.status).toBe(204);
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: me.access_token })).status).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/auth/me', { token: other.access_token })).status).toBe(401);
    expect((await login(t, email, 'brand-new-secret-42')).access_token).toBeTruthy();
  });
});

describe('brute-force defence (AUTH-9)', () => {
  it('locks the account after repeated failures, even for the right password, then unlocks in time', async () => {
    const locking = await createTestApp({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_DURATION: '2s' });
    try {
      const { email } = await registerUser(locking);
      const attempt = (password: string) =>
        call(locking.app, 'POST', '/api/v1/auth/login', { body: { email, password } });
      expect((await attempt('wrong-password-1')).status).toBe(401);
      expect((await attempt('wrong-password-2')).status).toBe(401);
      const locked = await attempt('wrong-password-3');
      expect(locked.status).toBe(423);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(STRONG_PASSWORD)).status).toBe(423);
      await new Promise((r) => setTimeout(r, 2100));
      expect((await attempt(STRONG_PASSWORD)).status).toBe(200);

      const tokens = await login(locking, email);
      const history = await call(locking.app, 'GET', '/api/v1/auth/me/login-history?per_page=50', {
        token: tokens.access_token,
      });
      const types = history.body.items.map((e: { type: string }) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['login_failed', 'account_locked', 'login_blocked', 'login_succeeded']),
      );
    } finally {
      await locking.close();
    }
  });

  it('rate-limits sign-in per IP and per account with 429', async () => {
    const limited = await createTestApp({
      AUTH_RATE_LIMIT_IP: '5',
      AUTH_RATE_LIMIT_ACCOUNT: '3',
      AUTH_RATE_LIMIT_WINDOW: '60s',
    });
    try {
      const email = uniqueEmail('victim');
      // Per account: different IPs, same email.
      const perAccount = [];
      for (let i = 0; i < 4; i++)
        perAccount.push(
          await call(limited.app, 'POST', '/api/v1/auth/login', {
            body: { email, password: 'guess-guess-1' },
            ip: `10.0.0.${i + 1}`,
          }),
        );
      expect(perAccount.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      expect(perAccount[3]!.body.code).toBe('RATE_LIMITED');
      expect(perAccount[3]!.headers['retry-after']).toBeTruthy();
      // Per IP: same IP, different emails.
      const perIp = [];
      for (let i = 0; i < 6; i++)
        perIp.push(
          await call(limited.app, 'POST', '/api/v1/auth/login', {
            body: { email: uniqueEmail('spray'), password: 'guess-guess-1' },
            ip: '10.9.9.9',
          }),
        );
      expect(perIp.slice(0, 5).every((r) => r.status === 401)).toBe(true);
      expect(perIp[5]!.status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('secrets never leak (AUTH-11)', () => {
  it('stores argon2id hashes and hashed tokens only', async () => {
    const { email, id } = await registerUser(t);
    const tokens = await login(t, email);
    const { rows } = await t.database.pool.query('select password_hash from users where id = $1', [id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const dump = await t.database.pool.query(
      `select (select json_agg(r) from refresh_tokens r)::text as a, (select json_agg(e) from email_tokens e)::text as b`,
    );
    expect(dump.rows[0].a).not.toContain(tokens.refresh_token);
    expect(JSON.stringify(dump.rows[0])).not.toContain(STRONG_PASSWORD);
    const jobs = await t.database.pool.query(`select payload::text from jobs`);
    for (const j of jobs.rows) expect(j.payload).not.toMatch(/token=|password/i);
  });
});
