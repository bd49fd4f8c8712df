import { z } from 'zod';
import { defineJob, handle } from '../../platform/queue.js';
import type { IdentityService } from './service.js';

export const exportDataJob = defineJob('identity__export_data', z.object({ userId: z.uuid() }), {
  title: () => 'Export my data',
  maxAttempts: 3,
});

export function identityJobHandlers(identity: IdentityService) {
  return [
    handle(exportDataJob, async ({ userId }, ctx) => {
      await ctx.progress(10, 'Collecting account data');
      const result = await identity.buildDataExport(userId);
      await ctx.progress(100, 'Export ready to download');
      return result;
    }),
  ];
}
