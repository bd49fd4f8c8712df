import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { PaymentsService } from './service.js';

/** PAY-4: one verified, stored provider event applied to the payment and the order. */
export const processWebhookJob = defineJob('payments__process_webhook', z.object({ eventId: z.uuid() }), {
  title: (p) => `Process payment webhook event ${p.eventId}`,
  maxAttempts: 10,
});

/** The sandbox's processor "settles" a processing payment by posting its own signed webhook. */
export const sandboxSettleJob = defineJob('payments__sandbox_settle', z.object({ paymentId: z.uuid() }), {
  title: (p) => `Sandbox: settle payment ${p.paymentId}`,
  maxAttempts: 5,
});

export function paymentsJobHandlers(payments: PaymentsService) {
  return [
    handle(processWebhookJob, async (p, ctx) => {
      const result = await payments.processWebhook(p.eventId);
      ctx.log.info({ eventId: p.eventId, result }, 'payment webhook processed');
      return result;
    }),
    handle(sandboxSettleJob, async (p) => payments.sandboxSettle(p.paymentId)),
  ];
}
