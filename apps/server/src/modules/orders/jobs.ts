import { z } from 'zod';
import { purgeIdempotencyKeys } from '../../platform/idempotency.js';
import { defineJob, handle } from '../../platform/queue.js';
import type { Db } from '../../platform/db.js';
import type { OrdersService } from './service.js';

export const processOrderJob = defineJob('orders__process', z.object({ orderId: z.uuid() }), {
  title: (p) => `Process order ${p.orderId}`,
  maxAttempts: 10,
});

export const expireUnpaidJob = defineJob('orders__expire_unpaid', z.object({}), {
  title: () => 'Cancel unpaid orders past their payment deadline',
  maxAttempts: 3,
});

/** ORD-6 every minute (it also forgets idempotency keys past their retention: one indexed delete). */
export const ordersCrontab = [`* * * * * ${expireUnpaidJob.name}`];

export function ordersJobHandlers(orders: OrdersService, db: Db) {
  return [
    handle(processOrderJob, async (p) => orders.process(p.orderId)),
    handle(expireUnpaidJob, async () => {
      const expired = await orders.expireUnpaid();
      const purgedKeys = await purgeIdempotencyKeys(db);
      return { expired, purged_idempotency_keys: purgedKeys };
    }),
  ];
}
