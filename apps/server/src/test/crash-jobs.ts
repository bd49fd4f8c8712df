import { z } from 'zod';
import type { Db } from '../platform/db.js';
import { sendEmail } from '../platform/mail.js';
import { defineJob, handle } from '../platform/queue.js';

/**
 * The job of the worker-crash test (jobs/worker-crash.test.ts), shared by the test process and the
 * child worker process it kills: it sends a welcome email (deduplicated per job), then has more
 * work to do — in the child, forever, until it is killed there.
 */
export const welcomeJob = defineJob('test__welcome_email', z.object({ to: z.email() }), {
  title: (p) => `Welcome email to ${p.to}`,
  maxAttempts: 5,
});

export const welcomeHandler = (db: Db, opts: { hangAfterEmail: boolean }) =>
  handle(welcomeJob, async ({ to }, ctx) => {
    const outboxId = await db.transaction((tx) =>
      sendEmail(
        tx,
        {
          to,
          subject: 'Welcome to Cartwheel',
          template: 'welcome',
          content: { heading: 'Welcome!', paragraphs: ['Thanks for joining.'] },
        },
        // One email per job however many attempts it takes.
        { dedupeKey: `welcome:${ctx.jobId}` },
      ),
    );
    await ctx.progress(50, outboxId ? 'Email queued' : 'Email was queued by an earlier attempt');
    if (opts.hangAfterEmail) await new Promise(() => {});
    return { emailed: to, duplicate: outboxId === null };
  });
