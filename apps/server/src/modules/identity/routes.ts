import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ROLES } from '../../platform/auth.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import { problemResponses, secured } from '../../platform/http.js';
import * as rules from './rules.js';
import type { IdentityService, RequestMeta } from './service.js';

const notificationPrefs = z.object({ order_updates: z.boolean(), promotions: z.boolean(), sms: z.boolean() });

const profile = z.object({
  id: z.uuid(),
  email: z.string(),
  username: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  date_of_birth: z.string().nullable(),
  marketing_opt_in: z.boolean(),
  notification_prefs: notificationPrefs,
  role: z.enum(ROLES),
  email_verified: z.boolean(),
  created_at: z.string(),
});

const adminUser = profile.extend({
  status: z.enum(['active', 'suspended', 'deleted']),
  locked_until: z.string().nullable(),
  last_login_at: z.string().nullable(),
});

const tokens = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().describe('Seconds until the access token expires'),
  refresh_token: z.string().describe('Opaque; single use — every refresh returns a new one'),
  refresh_expires_at: z.string(),
  user: profile,
});

const address = z.object({
  id: z.uuid(),
  label: z.string().nullable(),
  full_name: z.string(),
  phone: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string(),
  country: z.string(),
  is_default_shipping: z.boolean(),
  is_default_billing: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

const line = (max: number) => z.string().trim().min(1, 'Required').max(max);
const addressBody = z.strictObject({
  label: z.string().trim().max(50).nullish(),
  full_name: rules.personName,
  phone: rules.phone.nullish(),
  line1: line(200),
  line2: z.string().trim().max(200).nullish(),
  city: line(100),
  region: z.string().trim().max(100).nullish(),
  postal_code: line(12),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. US')
    .transform((c) => c.toUpperCase()),
  is_default_shipping: z.boolean().optional(),
  is_default_billing: z.boolean().optional(),
});

const toAddressInput = (b: Partial<z.infer<typeof addressBody>>) => ({
  label: b.label,
  fullName: b.full_name!,
  phone: b.phone,
  line1: b.line1!,
  line2: b.line2,
  city: b.city!,
  region: b.region,
  postalCode: b.postal_code!,
  country: b.country!,
  isDefaultShipping: b.is_default_shipping,
  isDefaultBilling: b.is_default_billing,
});

const accepted = z.object({ message: z.string() });
const idParam = z.object({ id: z.uuid('Must be a UUID') });

const meta = (req: FastifyRequest): RequestMeta => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

export const identityRoutes: FastifyPluginAsyncZod<{ identity: IdentityService }> = async (
  app,
  { identity },
) => {
  const limits = app.authRateLimits;

  // ---- sign-up, sign-in, tokens ----------------------------------------------------------

  app.post(
    '/auth/register',
    {
      preHandler: limits.perIp,
      schema: {
        tags: ['auth'],
        summary: 'Create an account (a verification email is sent)',
        description: `Password rules: ${rules.PASSWORD_RULES}.`,
        body: z.strictObject({
          email: rules.email,
          password: rules.password,
          first_name: rules.personName,
          last_name: rules.personName.optional(),
          username: rules.username.optional(),
        }),
        response: { 201: profile, ...problemResponses(409, 422, 429) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const user = await identity.register(
        {
          email: b.email,
          password: b.password,
          firstName: b.first_name,
          lastName: b.last_name,
          username: b.username,
        },
        meta(req),
      );
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/auth/verify-email',
    {
      preHandler: limits.perIp,
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address with the token from the email',
        body: z.strictObject({ token: z.string().min(10).max(200) }),
        response: { 200: profile, ...problemResponses(400, 422, 429) },
      },
    },
    async (req) => identity.verifyEmail(req.body.token, meta(req)),
  );

  app.post(
    '/auth/resend-verification',
    {
      preHandler: [limits.perIp, limits.perAccount],
      schema: {
        tags: ['auth'],
        summary: 'Send the verification email again',
        body: z.strictObject({ email: rules.email }),
        response: { 202: accepted, ...problemResponses(422, 429) },
      },
    },
    async (req, reply) => {
      await identity.resendVerification(req.body.email);
      return reply
        .status(202)
        .send({ message: 'If the account exists and is not verified yet, a new email is on its way.' });
    },
  );

  app.post(
    '/auth/login',
    {
      preHandler: [limits.perIp, limits.perAccount],
      schema: {
        tags: ['auth'],
        summary: 'Sign in: a short-lived access token and a rotating refresh token',
        body: z.strictObject({ email: rules.email, password: z.string().min(1).max(128) }),
        response: { 200: tokens, ...problemResponses(401, 403, 422, 423, 429) },
      },
    },
    async (req) => identity.login(req.body, meta(req)),
  );

  app.post(
    '/auth/refresh',
    {
      preHandler: limits.perIp,
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
        body: z.strictObject({ refresh_token: z.string().min(10).max(200) }),
        response: { 200: tokens, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req) => identity.refresh(req.body.refresh_token, meta(req)),
  );

  app.post(
    '/auth/logout',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Sign out this session',
        security: secured,
        response: { 204: z.null(), ...problemResponses(401) },
      },
    },
    async (req, reply) => {
      await identity.logout(actorOf(req), meta(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Sign out every session on every device',
        security: secured,
        response: { 204: z.null(), ...problemResponses(401) },
      },
    },
    async (req, reply) => {
      await identity.logoutEverywhere(actorOf(req), meta(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/forgot-password',
    {
      preHandler: [limits.perIp, limits.perAccount],
      schema: {
        tags: ['auth'],
        summary: 'Email a password-reset link',
        body: z.strictObject({ email: rules.email }),
        response: { 202: accepted, ...problemResponses(422, 429) },
      },
    },
    async (req, reply) => {
      await identity.forgotPassword(req.body.email, meta(req));
      return reply
        .status(202)
        .send({ message: 'If an account exists for this email, a reset link is on its way.' });
    },
  );

  app.post(
    '/auth/reset-password',
    {
      preHandler: limits.perIp,
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the emailed token; signs out every session',
        body: z.strictObject({ token: z.string().min(10).max(200), password: rules.password }),
        response: { 204: z.null(), ...problemResponses(400, 422, 429) },
      },
    },
    async (req, reply) => {
      await identity.resetPassword(req.body.token, req.body.password, meta(req));
      return reply.status(204).send(null);
    },
  );

  // ---- my account --------------------------------------------------------------------------

  app.get(
    '/auth/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'My profile',
        security: secured,
        response: { 200: profile, ...problemResponses(401) },
      },
    },
    async (req) => identity.getMe(actorOf(req)),
  );

  const profilePatch = z
    .strictObject({
      first_name: rules.personName,
      last_name: rules.personName.nullable(),
      username: rules.username.nullable(),
      phone: rules.phone.nullable(),
      date_of_birth: rules.dateOfBirth.nullable(),
      marketing_opt_in: z.boolean(),
      notification_prefs: notificationPrefs.partial().strict(),
    })
    .partial();

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/auth/me',
      {
        preHandler: app.authenticate,
        schema: {
          tags: ['account'],
          summary: 'Update my profile (send only the fields to change)',
          security: secured,
          body: profilePatch,
          response: { 200: profile, ...problemResponses(401, 409, 422) },
        },
      },
      async (req) => {
        const b = req.body;
        return identity.updateMe(actorOf(req), {
          firstName: b.first_name,
          lastName: b.last_name,
          username: b.username,
          phone: b.phone,
          dateOfBirth: b.date_of_birth,
          marketingOptIn: b.marketing_opt_in,
          notificationPrefs: b.notification_prefs,
        });
      },
    );
  }

  app.post(
    '/auth/me/password',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'Change my password (other sessions are signed out)',
        security: secured,
        body: z.strictObject({ current_password: z.string().min(1).max(128), new_password: rules.password }),
        response: { 204: z.null(), ...problemResponses(400, 401, 422) },
      },
    },
    async (req, reply) => {
      await identity.changePassword(
        actorOf(req),
        req.body.current_password,
        req.body.new_password,
        meta(req),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me/login-history',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'My sign-ins and other account events, newest first',
        security: secured,
        querystring: z.object(pageQuery),
        response: {
          200: pageSchema(
            z.object({
              id: z.uuid(),
              type: z.string(),
              ip: z.string().nullable(),
              user_agent: z.string().nullable(),
              created_at: z.string(),
            }),
          ),
          ...problemResponses(401, 422),
        },
      },
    },
    async (req) => identity.loginHistory(actorOf(req), req.query),
  );

  app.get(
    '/auth/me/sessions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'My signed-in devices',
        security: secured,
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              ip: z.string().nullable(),
              user_agent: z.string().nullable(),
              created_at: z.string(),
              last_used_at: z.string(),
              current: z.boolean(),
            }),
          ),
          ...problemResponses(401),
        },
      },
    },
    async (req) => identity.listSessions(actorOf(req)),
  );

  app.post(
    '/auth/me/export',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'Start an export of my data (GDPR); poll the job, then download',
        security: secured,
        response: { 202: z.object({ job_id: z.uuid(), download_url: z.string() }), ...problemResponses(401) },
      },
    },
    async (req, reply) => {
      const jobId = await identity.requestDataExport(actorOf(req), meta(req));
      return reply.status(202).send({ job_id: jobId, download_url: `/api/v1/auth/me/export/${jobId}` });
    },
  );

  app.get(
    '/auth/me/export/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'Download a finished data export (JSON)',
        security: secured,
        params: idParam,
        response: {
          200: z.unknown().describe('The export document (JSON file)'),
          ...problemResponses(401, 404, 409, 422),
        },
      },
    },
    async (req, reply) => {
      const stream = await identity.openDataExport(actorOf(req), req.params.id);
      return reply
        .type('application/json')
        .header('content-disposition', 'attachment; filename="cartwheel-my-data.json"')
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  app.delete(
    '/auth/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['account'],
        summary: 'Delete my account: personal data is anonymised, orders are kept for accounting',
        security: secured,
        body: z.strictObject({ password: z.string().min(1).max(128) }),
        response: { 204: z.null(), ...problemResponses(400, 401, 422) },
      },
    },
    async (req, reply) => {
      await identity.deleteAccount(actorOf(req), req.body.password);
      return reply.status(204).send(null);
    },
  );

  // ---- address book --------------------------------------------------------------------

  app.get(
    '/auth/me/addresses',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['addresses'],
        summary: 'My addresses, defaults first',
        security: secured,
        response: { 200: z.array(address), ...problemResponses(401) },
      },
    },
    async (req) => identity.listAddresses(actorOf(req)),
  );

  app.post(
    '/auth/me/addresses',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['addresses'],
        summary: 'Add an address (the first one becomes the default)',
        security: secured,
        body: addressBody,
        response: { 201: address, ...problemResponses(401, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await identity.createAddress(actorOf(req), toAddressInput(req.body))),
  );

  app.get(
    '/auth/me/addresses/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['addresses'],
        summary: 'One of my addresses',
        security: secured,
        params: idParam,
        response: { 200: address, ...problemResponses(401, 404, 422) },
      },
    },
    async (req) => identity.getAddress(actorOf(req), req.params.id),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/auth/me/addresses/:id',
      {
        preHandler: app.authenticate,
        schema: {
          tags: ['addresses'],
          summary: 'Change an address or make it the default (send only the fields to change)',
          security: secured,
          params: idParam,
          body: addressBody.partial(),
          response: { 200: address, ...problemResponses(401, 404, 422) },
        },
      },
      async (req) => {
        const input = Object.fromEntries(
          Object.entries(toAddressInput(req.body)).filter(([, v]) => v !== undefined),
        );
        return identity.updateAddress(actorOf(req), req.params.id, input);
      },
    );
  }

  app.delete(
    '/auth/me/addresses/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['addresses'],
        summary: 'Remove an address',
        security: secured,
        params: idParam,
        response: { 204: z.null(), ...problemResponses(401, 404, 422) },
      },
    },
    async (req, reply) => {
      await identity.deleteAddress(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- administration ------------------------------------------------------------------

  const staff = app.requireRole('staff', 'admin');
  const admin = app.requireRole('admin');

  app.get(
    '/admin/users',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: users'],
        summary: 'Find users by email, name or username; filter by role and status',
        security: secured,
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          role: z.enum(ROLES).optional(),
          status: z.enum(['active', 'suspended', 'deleted']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(adminUser), ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      const { q, role, status, page, per_page } = req.query;
      return identity.listUsers(actorOf(req), { q, role, status, page: { page, per_page } });
    },
  );

  app.get(
    '/admin/users/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: users'],
        summary: 'One user',
        security: secured,
        params: idParam,
        response: { 200: adminUser, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => identity.getUserForAdmin(actorOf(req), req.params.id),
  );

  app.put(
    '/admin/users/:id/role',
    {
      preHandler: admin,
      schema: {
        tags: ['admin: users'],
        summary: "Change a user's role (admin only; their tokens are re-issued on next refresh)",
        security: secured,
        params: idParam,
        body: z.strictObject({ role: z.enum(ROLES) }),
        response: { 200: adminUser, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => identity.setRole(actorOf(req), req.params.id, req.body.role, meta(req)),
  );

  app.post(
    '/admin/users/:id/suspend',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: users'],
        summary: 'Suspend an account: signs it out everywhere and blocks sign-in',
        security: secured,
        params: idParam,
        body: z.strictObject({ reason: z.string().trim().max(500).optional() }).optional(),
        response: { 200: adminUser, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => identity.setSuspended(actorOf(req), req.params.id, true, req.body?.reason, meta(req)),
  );

  app.post(
    '/admin/users/:id/reactivate',
    {
      preHandler: staff,
      schema: {
        tags: ['admin: users'],
        summary: 'Reactivate a suspended account (also clears a sign-in lockout)',
        security: secured,
        params: idParam,
        response: { 200: adminUser, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => identity.setSuspended(actorOf(req), req.params.id, false, undefined, meta(req)),
  );
};
