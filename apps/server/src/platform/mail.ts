import { desc, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db, DbOrTx } from './db.js';
import { escapeHtml } from './html.js';
import { defineJob, enqueue, handle } from './queue.js';
import { mailOutbox } from './schema.js';

/**
 * One way to send email: `sendEmail(tx, …)` stores the message and enqueues its delivery in the
 * caller's transaction; the `platform__send_email` job delivers it by SMTP, or — with no SMTP_URL —
 * leaves it in the dev mailbox that admins can read. Emails are never sent inline in a request.
 */

export type EmailContent = {
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
};

export type Email = { to: string; subject: string; template: string; content: EmailContent };

/** The shared layout every template renders into: a plain HTML body and its text twin. */
export function renderEmail(c: EmailContent): { html: string; text: string } {
  const paras = c.paragraphs.map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p)}</p>`);
  const button = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:#0c831f;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(c.action.label)}</a></p>
<p style="font-size:12px;color:#666">Or paste this link into your browser: ${escapeHtml(c.action.url)}</p>`
    : '';
  const html = `<!doctype html><html><body style="margin:0;background:#f5f5f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1a1a">
<div style="max-width:560px;margin:0 auto;padding:32px 24px;background:#fff">
<div style="font-size:20px;font-weight:700;color:#0c831f;margin-bottom:24px">Cartwheel</div>
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(c.heading)}</h1>
${paras.join('\n')}
${button}
<hr style="border:none;border-top:1px solid #eee;margin:32px 0 16px">
<p style="font-size:12px;color:#888">${escapeHtml(c.footer ?? 'You received this email because of activity on your Cartwheel account.')}</p>
</div></body></html>`;
  const text = [
    c.heading,
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ''] : []),
    '--',
    c.footer ?? 'You received this email because of activity on your Cartwheel account.',
  ].join('\n');
  return { html, text };
}

export const sendEmailJob = defineJob('platform__send_email', z.object({ outboxId: z.uuid() }), {
  title: () => 'Send email',
  maxAttempts: 8,
  queue: 'email',
});

/**
 * `dedupeKey`: a sender that may run twice (a job retried after its worker died) passes a key; the
 * second call stores and sends nothing and returns null.
 */
export async function sendEmail(
  tx: DbOrTx,
  email: Email,
  opts: { userId?: string | null; dedupeKey?: string } = {},
) {
  const { html, text } = renderEmail(email.content);
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      to: email.to,
      subject: email.subject,
      template: email.template,
      html,
      text,
      dedupeKey: opts.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  if (!row) return null;
  await enqueue(tx, sendEmailJob, { outboxId: row.id }, { userId: opts.userId ?? null });
  return row.id;
}

export type MailTransport = {
  name: 'smtp' | 'dev';
  deliver: (m: { to: string; subject: string; html: string; text: string }) => Promise<void>;
};

export function createMailTransport(smtpUrl: string | undefined, from: string): MailTransport {
  if (!smtpUrl) return { name: 'dev', deliver: async () => {} };
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    deliver: async (m) => {
      await transporter.sendMail({ from, ...m });
    },
  };
}

export function mailJobHandlers(db: Db, transport: MailTransport) {
  return [
    handle(sendEmailJob, async ({ outboxId }) => {
      // Claim the row first: a retried job (worker killed after delivery) never sends twice.
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(mailOutbox).where(eq(mailOutbox.id, outboxId)).for('update');
        if (!row) return { skipped: 'message no longer exists' };
        if (row.sentAt) return { skipped: 'already sent' };
        await transport.deliver(row);
        await tx
          .update(mailOutbox)
          .set({
            sentAt: sql`now()`,
            transport: transport.name,
            // Delivered by SMTP, the bodies (which hold live links) need not stay in our database.
            ...(transport.name === 'smtp' ? { html: '', text: '' } : {}),
          })
          .where(eq(mailOutbox.id, outboxId));
        return { to: row.to, transport: transport.name };
      });
    }),
  ];
}

export async function listMailbox(db: Db, opts: { to?: string; limit: number; offset: number }) {
  const where = opts.to ? eq(mailOutbox.to, opts.to.toLowerCase()) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(opts.limit)
      .offset(opts.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(mailOutbox)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
