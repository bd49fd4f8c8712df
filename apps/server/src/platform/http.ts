import { z } from 'zod';

/** OpenAPI security requirement for routes that need a bearer access token. */
export const secured = [{ bearerAuth: [] }];

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code'),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details')
  // One named OpenAPI component that every error response points at (the typed client's `Problem`).
  .meta({ id: 'Problem' });

/** Response schemas for the error statuses a route can answer with. */
export function problemResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S, typeof problemSchema>;
}
