import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db.js';
import { findOrFail } from './errors.js';
import { problemResponses, secured } from './http.js';
import { listMailbox } from './mail.js';
import { pageOf, pageQuery, pageSchema } from './pagination.js';
import { mailOutbox } from './schema.js';

const message = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  transport: z.string().nullable(),
  sent_at: z.string().nullable(),
  created_at: z.string(),
});

const toMessage = (m: typeof mailOutbox.$inferSelect) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  template: m.template,
  transport: m.transport,
  sent_at: m.sentAt?.toISOString() ?? null,
  created_at: m.createdAt.toISOString(),
});

/** The dev mailbox: every email the platform sent, readable by admins (the only inbox without SMTP). */
export const mailboxRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const admin = app.requireRole('admin');
  app.get(
    '/dev/mailbox',
    {
      preHandler: admin,
      schema: {
        tags: ['admin: mail'],
        summary: 'Sent emails, newest first (filter by recipient)',
        security: secured,
        querystring: z.object({ to: z.string().max(254).optional(), ...pageQuery }),
        response: { 200: pageSchema(message), ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      const { to, page, per_page } = req.query;
      const { items, total } = await listMailbox(db, { to, limit: per_page, offset: (page - 1) * per_page });
      return pageOf(items.map(toMessage), total, { page, per_page });
    },
  );
  app.get(
    '/dev/mailbox/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['admin: mail'],
        summary: 'One email with its HTML and text bodies',
        security: secured,
        params: z.object({ id: z.uuid() }),
        response: {
          200: message.extend({ html: z.string(), text: z.string() }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (req) => {
      const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, req.params.id));
      const m = findOrFail(row, 'Message');
      return { ...toMessage(m), html: m.html, text: m.text };
    },
  );
};
