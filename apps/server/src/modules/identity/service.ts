import { hash, verify } from '@node-rs/argon2';
import { and, count, desc, eq, gt, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { AccessClaims, Actor, Role, TokenSigner } from '../../platform/auth.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import {
  AppError,
  badRequest,
  conflict,
  findOrFail,
  forbidden,
  invalid,
  notFound,
  unauthorized,
} from '../../platform/errors.js';
import { sendEmail } from '../../platform/mail.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { enqueue, getJob } from '../../platform/queue.js';
import type { Storage } from '../../platform/storage.js';
import { exportDataJob } from './jobs.js';
import { normalizePostalCode, postalCodeProblem } from './rules.js';
import {
  addresses,
  authEvents,
  emailTokens,
  refreshTokens,
  sessions,
  users,
  type AddressRow,
  type NotificationPrefs,
  type UserRow,
} from './schema.js';

export type RequestMeta = { ip?: string; userAgent?: string };

export type IdentityDeps = {
  db: Db;
  signer: TokenSigner;
  storage: Storage;
  config: Pick<
    Config,
    'publicUrl' | 'refreshTokenTtlMs' | 'accessTokenTtlMs' | 'emailTokenTtlMs' | 'resetTokenTtlMs' | 'lockout'
  >;
};

const MAX_ADDRESSES = 50;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const hashPassword = (password: string) => hash(password, ARGON2);
// Verified against when the email is unknown, so a miss costs as long as a hit.
const DUMMY_HASH = hashPassword('timing-equaliser-not-a-password-1');

type EmailTokenPurpose = 'verify_email' | 'reset_password';

export function createIdentityService(deps: IdentityDeps) {
  const { db, signer, config } = deps;

  const logEvent = (
    tx: DbOrTx,
    type: (typeof authEvents.$inferInsert)['type'],
    userId: string | null,
    meta: RequestMeta = {},
    extra: { actorId?: string; detail?: Record<string, unknown> } = {},
  ) =>
    tx.insert(authEvents).values({
      type,
      userId,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      actorId: extra.actorId ?? null,
      detail: extra.detail ?? null,
    });

  async function issueEmailToken(tx: DbOrTx, userId: string, purpose: EmailTokenPurpose, ttlMs: number) {
    // A new link replaces older unused ones: only the latest email works.
    await tx
      .update(emailTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)),
      );
    const token = randomToken();
    await tx.insert(emailTokens).values({
      userId,
      purpose,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + ttlMs),
    });
    return token;
  }

  /** Marks a mailed token used and returns its user; unknown, used and expired tokens all fail alike. */
  async function consumeEmailToken(tx: DbOrTx, token: string, purpose: EmailTokenPurpose) {
    const [row] = await tx
      .update(emailTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(emailTokens.tokenHash, sha256(token)),
          eq(emailTokens.purpose, purpose),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: emailTokens.userId });
    if (!row) throw badRequest('INVALID_TOKEN', 'This link is invalid or has expired');
    return row.userId;
  }

  const mailVerification = (tx: DbOrTx, user: Pick<UserRow, 'id' | 'email' | 'firstName'>, token: string) =>
    sendEmail(
      tx,
      {
        to: user.email,
        subject: 'Confirm your email address',
        template: 'identity.verify_email',
        content: {
          heading: `Welcome${user.firstName ? `, ${user.firstName}` : ''}!`,
          paragraphs: [
            'Please confirm your email address to finish setting up your Cartwheel account.',
            `This link expires in ${Math.round(config.emailTokenTtlMs / 3_600_000)} hours and works once.`,
          ],
          action: { label: 'Confirm email', url: `${config.publicUrl}/verify-email?token=${token}` },
        },
      },
      { userId: user.id },
    );

  async function startSession(tx: DbOrTx, user: UserRow, meta: RequestMeta) {
    const expiresAt = new Date(Date.now() + config.refreshTokenTtlMs);
    const [session] = await tx
      .insert(sessions)
      .values({
        userId: user.id,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        expiresAt,
      })
      .returning({ id: sessions.id });
    return issueTokens(tx, user, session!.id, expiresAt);
  }

  async function issueTokens(tx: DbOrTx, user: UserRow, sessionId: string, sessionExpiresAt: Date) {
    const refresh = randomToken();
    await tx
      .insert(refreshTokens)
      .values({ sessionId, tokenHash: sha256(refresh), expiresAt: sessionExpiresAt });
    const access = await signer.sign({
      sub: user.id,
      role: user.role,
      sid: sessionId,
      tv: user.tokenVersion,
    });
    return {
      access_token: access.token,
      token_type: 'Bearer' as const,
      expires_in: Math.round(config.accessTokenTtlMs / 1000),
      refresh_token: refresh,
      refresh_expires_at: sessionExpiresAt.toISOString(),
      user: toProfile(user),
    };
  }

  const revokeSessions = (tx: DbOrTx, userId: string, reason: string, exceptSessionId?: string) =>
    tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokeReason: reason })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
        ),
      );

  const getUser = async (tx: DbOrTx, id: string) =>
    findOrFail((await tx.select().from(users).where(eq(users.id, id)))[0], 'User');

  async function checkPassword(user: UserRow, password: string) {
    return verify(user.passwordHash, password).catch(() => false);
  }

  return {
    async register(
      input: { email: string; password: string; firstName: string; lastName?: string; username?: string },
      meta: RequestMeta,
    ) {
      const passwordHash = await hashPassword(input.password);
      try {
        return await db.transaction(async (tx) => {
          const [user] = await tx
            .insert(users)
            .values({
              email: input.email,
              username: input.username ?? null,
              passwordHash,
              firstName: input.firstName,
              lastName: input.lastName ?? null,
            })
            .returning();
          const token = await issueEmailToken(tx, user!.id, 'verify_email', config.emailTokenTtlMs);
          await mailVerification(tx, user!, token);
          await logEvent(tx, 'register', user!.id, meta);
          return toProfile(user!);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'users_email_key'))
          throw conflict('EMAIL_TAKEN', 'An account with this email already exists', [
            { field: 'body.email', message: 'already registered' },
          ]);
        if (isUniqueViolation(err, 'users_username_key'))
          throw conflict('USERNAME_TAKEN', 'This username is taken', [
            { field: 'body.username', message: 'already taken' },
          ]);
        throw err;
      }
    },

    async verifyEmail(token: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const userId = await consumeEmailToken(tx, token, 'verify_email');
        const [user] = await tx
          .update(users)
          .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
          .where(and(eq(users.id, userId), ne(users.status, 'deleted')))
          .returning();
        if (!user) throw badRequest('INVALID_TOKEN', 'This link is invalid or has expired');
        await logEvent(tx, 'email_verified', userId, meta);
        return toProfile(user);
      });
    },

    /** Answers the same whether or not the email exists, so it cannot be used to probe accounts. */
    async resendVerification(email: string) {
      await db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.email, email));
        if (!user || user.status !== 'active' || user.emailVerifiedAt) return;
        const token = await issueEmailToken(tx, user.id, 'verify_email', config.emailTokenTtlMs);
        await mailVerification(tx, user, token);
      });
    },

    async login(input: { email: string; password: string }, meta: RequestMeta) {
      const [user] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, input.email), ne(users.status, 'deleted')));
      if (!user) {
        await verify(await DUMMY_HASH, input.password).catch(() => false);
        await logEvent(db, 'login_failed', null, meta, { detail: { reason: 'unknown_email' } });
        throw unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect');
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        await logEvent(db, 'login_blocked', user.id, meta, { detail: { reason: 'locked' } });
        throw lockedError(user.lockedUntil);
      }
      if (!(await checkPassword(user, input.password))) {
        // One atomic statement, so parallel wrong guesses all count.
        const [after] = await db
          .update(users)
          .set({
            failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${config.lockout.threshold} then 0 else ${users.failedLoginCount} + 1 end`,
            lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${config.lockout.threshold}
              then now() + make_interval(secs => ${config.lockout.durationMs / 1000}) else ${users.lockedUntil} end`,
          })
          .where(eq(users.id, user.id))
          .returning({ lockedUntil: users.lockedUntil });
        await logEvent(db, 'login_failed', user.id, meta, { detail: { reason: 'wrong_password' } });
        if (after?.lockedUntil && after.lockedUntil > new Date()) {
          await logEvent(db, 'account_locked', user.id, meta, {
            detail: { until: after.lockedUntil.toISOString() },
          });
          throw lockedError(after.lockedUntil);
        }
        throw unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect');
      }
      if (user.status === 'suspended') {
        await logEvent(db, 'login_blocked', user.id, meta, { detail: { reason: 'suspended' } });
        throw new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended. Contact support.');
      }
      return db.transaction(async (tx) => {
        const [fresh] = await tx
          .update(users)
          .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` })
          .where(eq(users.id, user.id))
          .returning();
        await logEvent(tx, 'login_succeeded', user.id, meta);
        return startSession(tx, fresh!, meta);
      });
    },

    /** Rotates the refresh token. Presenting one that was already rotated revokes the whole session. */
    async refresh(token: string, meta: RequestMeta) {
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ token: refreshTokens, session: sessions, user: users })
          .from(refreshTokens)
          .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(eq(refreshTokens.tokenHash, sha256(token)))
          .for('update', { of: [refreshTokens, sessions] });
        if (!row) return { error: 'invalid' as const };
        const { session, user } = row;
        if (row.token.usedAt) {
          if (!session.revokedAt) {
            await tx
              .update(sessions)
              .set({ revokedAt: sql`now()`, revokeReason: 'refresh_token_reuse' })
              .where(eq(sessions.id, session.id));
            await logEvent(tx, 'refresh_reuse_detected', user.id, meta, {
              detail: { session_id: session.id },
            });
          }
          return { error: 'reused' as const };
        }
        if (session.revokedAt || row.token.expiresAt <= new Date() || session.expiresAt <= new Date())
          return { error: 'invalid' as const };
        if (user.status !== 'active') return { error: 'inactive' as const };
        await tx
          .update(refreshTokens)
          .set({ usedAt: sql`now()` })
          .where(eq(refreshTokens.id, row.token.id));
        await tx
          .update(sessions)
          .set({ lastUsedAt: sql`now()` })
          .where(eq(sessions.id, session.id));
        return { tokens: await issueTokens(tx, user, session.id, session.expiresAt) };
      });
      // Thrown after the transaction so the revocation above is committed.
      if (outcome.error === 'reused')
        throw unauthorized(
          'REFRESH_TOKEN_REUSED',
          'This refresh token was already used; the session has been ended',
        );
      if (outcome.error === 'inactive')
        throw new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is suspended');
      if (outcome.error) throw unauthorized('INVALID_REFRESH_TOKEN', 'Refresh token is invalid or expired');
      return outcome.tokens;
    },

    /** For the auth guard: the token's session and account must still be live. */
    async loadPrincipal(claims: AccessClaims): Promise<Actor> {
      const [row] = await db
        .select({
          role: users.role,
          status: users.status,
          tokenVersion: users.tokenVersion,
          revokedAt: sessions.revokedAt,
        })
        .from(users)
        .innerJoin(sessions, eq(sessions.id, claims.sid))
        .where(and(eq(users.id, claims.sub), eq(sessions.userId, users.id)));
      if (!row || row.revokedAt || row.tokenVersion !== claims.tv)
        throw unauthorized('SESSION_ENDED', 'Your session has ended; sign in again');
      if (row.status !== 'active') throw new AppError(403, 'ACCOUNT_SUSPENDED', 'This account is not active');
      return { id: claims.sub, role: row.role, sessionId: claims.sid };
    },

    /** Where to email an active user, for other modules' notifications (reviews); undefined otherwise. */
    /** Reads through the caller's transaction when given one (a pool connection is not free to take). */
    async getContact(userId: string, tx: DbOrTx = db) {
      const [row] = await tx
        .select({
          email: users.email,
          firstName: users.firstName,
          lastName: users.lastName,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.status, 'active')));
      return row;
    },

    /** Addresses of active staff and admins, for staff notifications (inventory's low-stock alerts). */
    async staffEmails() {
      const rows = await db
        .select({ email: users.email })
        .from(users)
        .where(and(or(eq(users.role, 'staff'), eq(users.role, 'admin')), eq(users.status, 'active')));
      return rows.map((r) => r.email);
    },

    /**
     * Active users with the rider role — one by id (delivery checks an assignment with it), or all,
     * oldest first (the delivery simulation picks its rider). Reads through the caller's transaction.
     */
    async activeRiders(tx: DbOrTx = db, id?: string) {
      return tx
        .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, phone: users.phone })
        .from(users)
        .where(and(eq(users.role, 'rider'), eq(users.status, 'active'), id ? eq(users.id, id) : undefined))
        .orderBy(users.createdAt, users.id)
        .limit(id ? 1 : 100);
    },

    async logout(actor: Actor, meta: RequestMeta) {
      await db.transaction(async (tx) => {
        await tx
          .update(sessions)
          .set({ revokedAt: sql`now()`, revokeReason: 'logout' })
          .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
        await logEvent(tx, 'logout', actor.id, meta);
      });
    },

    async logoutEverywhere(actor: Actor, meta: RequestMeta) {
      await db.transaction(async (tx) => {
        await revokeSessions(tx, actor.id, 'logout_all');
        await tx
          .update(users)
          .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
          .where(eq(users.id, actor.id));
        await logEvent(tx, 'logout_all', actor.id, meta);
      });
    },

    async forgotPassword(email: string, meta: RequestMeta) {
      await db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.email, email));
        if (!user || user.status !== 'active') return;
        const token = await issueEmailToken(tx, user.id, 'reset_password', config.resetTokenTtlMs);
        await sendEmail(
          tx,
          {
            to: user.email,
            subject: 'Reset your password',
            template: 'identity.reset_password',
            content: {
              heading: 'Reset your password',
              paragraphs: [
                'Someone (hopefully you) asked to reset the password of your Cartwheel account.',
                `The link expires in ${Math.round(config.resetTokenTtlMs / 60_000)} minutes and works once. If you did not ask, ignore this email: your password stays as it is.`,
              ],
              action: {
                label: 'Choose a new password',
                url: `${config.publicUrl}/reset-password?token=${token}`,
              },
            },
          },
          { userId: user.id },
        );
        await logEvent(tx, 'password_reset_requested', user.id, meta);
      });
    },

    async resetPassword(token: string, newPassword: string, meta: RequestMeta) {
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        const userId = await consumeEmailToken(tx, token, 'reset_password');
        const [user] = await tx
          .update(users)
          .set({
            passwordHash,
            tokenVersion: sql`${users.tokenVersion} + 1`,
            failedLoginCount: 0,
            lockedUntil: null,
            // Receiving the reset email proves the address.
            emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
          })
          .where(and(eq(users.id, userId), eq(users.status, 'active')))
          .returning();
        if (!user) throw badRequest('INVALID_TOKEN', 'This link is invalid or has expired');
        await revokeSessions(tx, userId, 'password_reset');
        await logEvent(tx, 'password_reset', userId, meta);
        await mailPasswordChanged(tx, user);
      });
    },

    async changePassword(actor: Actor, current: string, next: string, meta: RequestMeta) {
      const user = await getUser(db, actor.id);
      if (!(await checkPassword(user, current)))
        throw badRequest('WRONG_PASSWORD', 'Current password is incorrect', [
          { field: 'body.current_password', message: 'incorrect' },
        ]);
      if (current === next)
        throw invalid('body.new_password', 'New password must differ from the current one');
      const passwordHash = await hashPassword(next);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
        // Other devices must sign in again; this one stays signed in.
        await revokeSessions(tx, actor.id, 'password_changed', actor.sessionId);
        await logEvent(tx, 'password_changed', actor.id, meta);
        await mailPasswordChanged(tx, user);
      });
    },

    async getMe(actor: Actor) {
      return toProfile(await getUser(db, actor.id));
    },

    async updateMe(
      actor: Actor,
      patch: {
        firstName?: string;
        lastName?: string | null;
        username?: string | null;
        phone?: string | null;
        dateOfBirth?: string | null;
        marketingOptIn?: boolean;
        notificationPrefs?: Partial<NotificationPrefs>;
      },
    ) {
      const current = await getUser(db, actor.id);
      try {
        const [user] = await db
          .update(users)
          .set({
            // Always set, so an empty patch is a no-op rather than an empty SET.
            updatedAt: new Date(),
            firstName: patch.firstName,
            lastName: patch.lastName,
            username: patch.username,
            phone: patch.phone,
            dateOfBirth: patch.dateOfBirth,
            marketingOptIn: patch.marketingOptIn,
            notificationPrefs: patch.notificationPrefs
              ? { ...current.notificationPrefs, ...patch.notificationPrefs }
              : undefined,
          })
          .where(eq(users.id, actor.id))
          .returning();
        return toProfile(user!);
      } catch (err) {
        if (isUniqueViolation(err, 'users_username_key'))
          throw conflict('USERNAME_TAKEN', 'This username is taken', [
            { field: 'body.username', message: 'already taken' },
          ]);
        throw err;
      }
    },

    async loginHistory(actor: Actor, page: PageParams) {
      const where = eq(authEvents.userId, actor.id);
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(authEvents)
          .where(where)
          .orderBy(desc(authEvents.createdAt), desc(authEvents.id))
          .limit(pageOffset(page).limit)
          .offset(pageOffset(page).offset),
        db.select({ n: count() }).from(authEvents).where(where),
      ]);
      return pageOf(
        items.map((e) => ({
          id: e.id,
          type: e.type,
          ip: e.ip,
          user_agent: e.userAgent,
          created_at: e.createdAt.toISOString(),
        })),
        total?.n ?? 0,
        page,
      );
    },

    async listSessions(actor: Actor) {
      const rows = await db
        .select()
        .from(sessions)
        .where(
          and(eq(sessions.userId, actor.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)),
        )
        .orderBy(desc(sessions.lastUsedAt));
      return rows.map((s) => ({
        id: s.id,
        ip: s.ip,
        user_agent: s.userAgent,
        created_at: s.createdAt.toISOString(),
        last_used_at: s.lastUsedAt.toISOString(),
        current: s.id === actor.sessionId,
      }));
    },

    // ---- address book -------------------------------------------------------------------

    async listAddresses(actor: Actor) {
      const rows = await db
        .select()
        .from(addresses)
        .where(eq(addresses.userId, actor.id))
        .orderBy(desc(addresses.isDefaultShipping), desc(addresses.createdAt));
      return rows.map(toAddress);
    },

    async getAddress(actor: Actor, id: string) {
      return toAddress(await ownAddress(db, actor, id));
    },

    async createAddress(actor: Actor, input: AddressInput) {
      const values = checkAddress(input);
      return db.transaction(async (tx) => {
        // Serialise address-book writes per user so the count and default rules hold under races.
        await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
        const [existing] = await tx
          .select({ n: count() })
          .from(addresses)
          .where(eq(addresses.userId, actor.id));
        const n = existing?.n ?? 0;
        if (n >= MAX_ADDRESSES)
          throw conflict('ADDRESS_LIMIT', `An address book holds at most ${MAX_ADDRESSES} addresses`);
        const shipping = n === 0 || !!input.isDefaultShipping;
        const billing = n === 0 || !!input.isDefaultBilling;
        await clearDefaults(tx, actor.id, shipping, billing);
        const [row] = await tx
          .insert(addresses)
          .values({ ...values, userId: actor.id, isDefaultShipping: shipping, isDefaultBilling: billing })
          .returning();
        return toAddress(row!);
      });
    },

    async updateAddress(actor: Actor, id: string, input: Partial<AddressInput>) {
      return db.transaction(async (tx) => {
        await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
        const current = await ownAddress(tx, actor, id);
        const merged = checkAddress({ ...fromRow(current), ...stripUndefined(input) });
        const shipping = input.isDefaultShipping === true;
        const billing = input.isDefaultBilling === true;
        if (input.isDefaultShipping === false && current.isDefaultShipping)
          throw invalid(
            'body.is_default_shipping',
            'Choose another default address instead of unsetting this one',
          );
        if (input.isDefaultBilling === false && current.isDefaultBilling)
          throw invalid(
            'body.is_default_billing',
            'Choose another default address instead of unsetting this one',
          );
        await clearDefaults(tx, actor.id, shipping, billing);
        const [row] = await tx
          .update(addresses)
          .set({
            ...merged,
            isDefaultShipping: shipping || current.isDefaultShipping,
            isDefaultBilling: billing || current.isDefaultBilling,
          })
          .where(eq(addresses.id, id))
          .returning();
        return toAddress(row!);
      });
    },

    async deleteAddress(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
        const current = await ownAddress(tx, actor, id);
        await tx.delete(addresses).where(eq(addresses.id, id));
        if (!current.isDefaultShipping && !current.isDefaultBilling) return;
        // Keep exactly one default: the most recently added remaining address inherits it.
        const [next] = await tx
          .select({ id: addresses.id })
          .from(addresses)
          .where(eq(addresses.userId, actor.id))
          .orderBy(desc(addresses.createdAt))
          .limit(1);
        if (next)
          await tx
            .update(addresses)
            .set({
              isDefaultShipping: sql`${addresses.isDefaultShipping} or ${current.isDefaultShipping}`,
              isDefaultBilling: sql`${addresses.isDefaultBilling} or ${current.isDefaultBilling}`,
            })
            .where(eq(addresses.id, next.id));
      });
    },

    // ---- GDPR ----------------------------------------------------------------------------

    async requestDataExport(actor: Actor, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const jobId = await enqueue(tx, exportDataJob, { userId: actor.id }, { userId: actor.id });
        await logEvent(tx, 'data_export_requested', actor.id, meta, { detail: { job_id: jobId } });
        return jobId;
      });
    },

    /** The export job: everything we hold about the user, as one JSON document. */
    async buildDataExport(userId: string) {
      const user = await getUser(db, userId);
      const [addressRows, sessionRows, eventRows] = await Promise.all([
        db.select().from(addresses).where(eq(addresses.userId, userId)),
        db.select().from(sessions).where(eq(sessions.userId, userId)),
        db.select().from(authEvents).where(eq(authEvents.userId, userId)).orderBy(desc(authEvents.createdAt)),
      ]);
      const document = {
        exported_at: new Date().toISOString(),
        profile: toProfile(user),
        addresses: addressRows.map(toAddress),
        sessions: sessionRows.map((s) => ({
          id: s.id,
          ip: s.ip,
          user_agent: s.userAgent,
          created_at: s.createdAt.toISOString(),
          revoked_at: s.revokedAt?.toISOString() ?? null,
        })),
        account_events: eventRows.map((e) => ({
          type: e.type,
          ip: e.ip,
          user_agent: e.userAgent,
          created_at: e.createdAt.toISOString(),
        })),
      };
      const key = `exports/${userId}/${Date.now()}.json`;
      const file = await deps.storage.put(key, JSON.stringify(document, null, 2));
      return { file: key, bytes: file.size };
    },

    /** The finished export file of one of the caller's own export jobs. */
    async openDataExport(actor: Actor, jobId: string) {
      const job = await getJob(db, jobId);
      if (!job || job.userId !== actor.id || job.type !== exportDataJob.name) throw notFound('Export');
      if (job.status !== 'completed')
        throw conflict('EXPORT_NOT_READY', `The export is ${job.status}; try again when it has completed`);
      const file = (job.result as { file?: string } | null)?.file;
      if (!file || !(await deps.storage.exists(file))) throw notFound('Export file');
      return deps.storage.read(file);
    },

    /** Anonymises the account; orders and other accounting records keep the (now anonymous) user id. */
    async deleteAccount(actor: Actor, password: string) {
      const user = await getUser(db, actor.id);
      if (!(await checkPassword(user, password)))
        throw badRequest('WRONG_PASSWORD', 'Password is incorrect', [
          { field: 'body.password', message: 'incorrect' },
        ]);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({
            email: `deleted-${user.id}@deleted.invalid`,
            username: null,
            passwordHash: '!deleted',
            firstName: null,
            lastName: null,
            phone: null,
            dateOfBirth: null,
            marketingOptIn: false,
            status: 'deleted',
            deletedAt: sql`now()`,
            tokenVersion: sql`${users.tokenVersion} + 1`,
          })
          .where(eq(users.id, user.id));
        await tx.delete(addresses).where(eq(addresses.userId, user.id));
        await tx.delete(emailTokens).where(eq(emailTokens.userId, user.id));
        await revokeSessions(tx, user.id, 'account_deleted');
        await tx.update(sessions).set({ ip: null, userAgent: null }).where(eq(sessions.userId, user.id));
        await tx.update(authEvents).set({ ip: null, userAgent: null }).where(eq(authEvents.userId, user.id));
        // Logged without IP or user agent: those are personal data we just erased.
        await logEvent(tx, 'account_deleted', user.id);
      });
    },

    // ---- administration ------------------------------------------------------------------

    async listUsers(
      _actor: Actor,
      filter: { q?: string; role?: Role; status?: UserRow['status']; page: PageParams },
    ) {
      const conds: SQL[] = [];
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conds.push(
          or(
            ilike(users.email, like),
            ilike(users.username, like),
            ilike(users.firstName, like),
            ilike(users.lastName, like),
          )!,
        );
      }
      if (filter.role) conds.push(eq(users.role, filter.role));
      if (filter.status) conds.push(eq(users.status, filter.status));
      const where = conds.length ? and(...conds) : undefined;
      const { limit, offset } = pageOffset(filter.page);
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(desc(users.createdAt), desc(users.id))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(users).where(where),
      ]);
      return pageOf(items.map(toAdminUser), total?.n ?? 0, filter.page);
    },

    /** One keyset page of customer accounts by id, for data exports (JOB-8); no secrets. */
    async customersExportPage(afterId: string | null, limit: number) {
      return db
        .select({
          id: users.id,
          email: users.email,
          username: users.username,
          first_name: users.firstName,
          last_name: users.lastName,
          phone: users.phone,
          status: users.status,
          marketing_opt_in: users.marketingOptIn,
          email_verified_at: users.emailVerifiedAt,
          last_login_at: users.lastLoginAt,
          created_at: users.createdAt,
        })
        .from(users)
        .where(and(eq(users.role, 'customer'), afterId ? gt(users.id, afterId) : undefined))
        .orderBy(users.id)
        .limit(limit);
    },

    async getUserForAdmin(_actor: Actor, id: string) {
      return toAdminUser(await getUser(db, id));
    },

    async setRole(actor: Actor, id: string, role: Role, meta: RequestMeta) {
      if (id === actor.id) throw forbidden('You cannot change your own role');
      return db.transaction(async (tx) => {
        const before = await getUser(tx, id);
        if (before.status === 'deleted') throw notFound('User');
        const [user] = await tx
          .update(users)
          .set({ role, tokenVersion: sql`${users.tokenVersion} + 1` })
          .where(eq(users.id, id))
          .returning();
        await logEvent(tx, 'role_changed', id, meta, {
          actorId: actor.id,
          detail: { from: before.role, to: role },
        });
        return toAdminUser(user!);
      });
    },

    async setSuspended(
      actor: Actor,
      id: string,
      suspended: boolean,
      reason: string | undefined,
      meta: RequestMeta,
    ) {
      if (id === actor.id) throw forbidden('You cannot suspend your own account');
      return db.transaction(async (tx) => {
        const before = await getUser(tx, id);
        if (before.status === 'deleted') throw notFound('User');
        if (suspended && before.role === 'admin' && actor.role !== 'admin') throw forbidden();
        const [user] = await tx
          .update(users)
          .set(
            suspended
              ? { status: 'suspended', tokenVersion: sql`${users.tokenVersion} + 1` }
              : { status: 'active', failedLoginCount: 0, lockedUntil: null },
          )
          .where(eq(users.id, id))
          .returning();
        if (suspended) await revokeSessions(tx, id, 'suspended');
        await logEvent(tx, suspended ? 'suspended' : 'reactivated', id, meta, {
          actorId: actor.id,
          detail: reason ? { reason } : undefined,
        });
        return toAdminUser(user!);
      });
    },

    /** Demo and bootstrap accounts: created once, left alone afterwards. */
    async ensureUser(input: {
      email: string;
      password: string;
      firstName: string;
      lastName: string;
      role: Role;
    }) {
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
      if (existing) return existing.id;
      const [row] = await db
        .insert(users)
        .values({
          email: input.email,
          passwordHash: await hashPassword(input.password),
          firstName: input.firstName,
          lastName: input.lastName,
          role: input.role,
          emailVerifiedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      return row?.id;
    },
  };

  function mailPasswordChanged(tx: DbOrTx, user: UserRow) {
    return sendEmail(
      tx,
      {
        to: user.email,
        subject: 'Your password was changed',
        template: 'identity.password_changed',
        content: {
          heading: 'Your password was changed',
          paragraphs: [
            'The password of your Cartwheel account was just changed, and other devices were signed out.',
            'If this was not you, reset your password right away and contact support.',
          ],
          action: { label: 'Reset password', url: `${config.publicUrl}/forgot-password` },
        },
      },
      { userId: user.id },
    );
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>;

function lockedError(until: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError(
    423,
    'ACCOUNT_LOCKED',
    `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s) or reset your password.`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

export type AddressInput = {
  label?: string | null;
  fullName: string;
  phone?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  isDefaultShipping?: boolean;
  isDefaultBilling?: boolean;
};

function checkAddress(a: AddressInput) {
  const country = a.country.toUpperCase();
  const problem = postalCodeProblem(country, a.postalCode.trim());
  if (problem) throw invalid('body.postal_code', problem);
  return {
    label: a.label ?? null,
    fullName: a.fullName,
    phone: a.phone ?? null,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    region: a.region ?? null,
    postalCode: normalizePostalCode(country, a.postalCode),
    country,
  };
}

const fromRow = (r: AddressRow): AddressInput => ({
  label: r.label,
  fullName: r.fullName,
  phone: r.phone,
  line1: r.line1,
  line2: r.line2,
  city: r.city,
  region: r.region,
  postalCode: r.postalCode,
  country: r.country,
});

const stripUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function ownAddress(tx: DbOrTx, actor: Actor, id: string) {
  // Someone else's address answers exactly like a missing one.
  const [row] = await tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, actor.id)));
  return findOrFail(row, 'Address');
}

async function clearDefaults(tx: DbOrTx, userId: string, shipping: boolean, billing: boolean) {
  if (shipping)
    await tx
      .update(addresses)
      .set({ isDefaultShipping: false })
      .where(and(eq(addresses.userId, userId), eq(addresses.isDefaultShipping, true)));
  if (billing)
    await tx
      .update(addresses)
      .set({ isDefaultBilling: false })
      .where(and(eq(addresses.userId, userId), eq(addresses.isDefaultBilling, true)));
}

export function toProfile(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    username: u.username,
    first_name: u.firstName,
    last_name: u.lastName,
    phone: u.phone,
    date_of_birth: u.dateOfBirth,
    marketing_opt_in: u.marketingOptIn,
    notification_prefs: u.notificationPrefs,
    role: u.role,
    email_verified: u.emailVerifiedAt !== null,
    created_at: u.createdAt.toISOString(),
  };
}

function toAdminUser(u: UserRow) {
  return {
    ...toProfile(u),
    status: u.status,
    locked_until: u.lockedUntil?.toISOString() ?? null,
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
  };
}

export function toAddress(a: AddressRow) {
  return {
    id: a.id,
    label: a.label,
    full_name: a.fullName,
    phone: a.phone,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postal_code: a.postalCode,
    country: a.country,
    is_default_shipping: a.isDefaultShipping,
    is_default_billing: a.isDefaultBilling,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}
