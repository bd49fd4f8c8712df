import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { AppError, invalid } from '../../platform/errors.js';
import { problemResponses, secured } from '../../platform/http.js';
import { FEED_COLUMNS, MAX_FEED_BYTES, MAX_FEED_ROWS } from './feed.js';
import { feedTooLarge, type InventoryService } from './service.js';

const adminTags = ['inventory (admin)'];

const urlBody = z.strictObject({
  url: z
    .string({ error: (iss) => (iss.input === undefined ? 'Required' : 'Must be text') })
    .trim()
    .min(1, 'Required')
    .max(2000, 'At most 2000 characters'),
});

/** For the OpenAPI document only: the handler reads multipart or JSON itself. */
const syncBody = z.object({
  file: z.string().meta({ format: 'binary' }).optional().describe('A CSV or JSON stock feed'),
  url: z.string().optional().describe('Or: a feed URL on a host the operator allows'),
});
const skipBodyValidation = <S>(route: FastifyRouteSchemaDef<S>) =>
  route.httpPart === 'body'
    ? (data: unknown) => ({ value: data })
    : validatorCompiler(route as FastifyRouteSchemaDef<z.ZodType>);

const reportRow = z.object({
  row: z.number().int().describe('1-based data row of the feed (the CSV header is not counted)'),
  warehouse_code: z.string().nullable(),
  sku: z.string().nullable(),
  variant_id: z.uuid().nullable(),
  expected: z.number().int().nullable().describe('On hand before the sync'),
  counted: z.number().int().nullable().describe('On hand according to the feed'),
  delta: z.number().int().nullable().describe('counted − expected'),
  status: z.enum(['adjusted', 'unchanged', 'invalid', 'unknown_sku', 'unknown_warehouse', 'failed']),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
const report = z.object({
  source: z.object({
    kind: z.enum(['file', 'url']),
    url: z.string().optional(),
    filename: z.string().nullable().optional(),
    format: z.enum(['csv', 'json']),
  }),
  totals: z.object({
    rows: z.number().int(),
    adjusted: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
    unknown_sku: z.number().int(),
    unknown_warehouse: z.number().int(),
    failed: z.number().int(),
    units_expected: z.number().int(),
    units_counted: z.number().int(),
    units_added: z.number().int(),
    units_removed: z.number().int(),
  }),
  rows: z.array(reportRow),
});
const syncJobSchema = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'running', 'completed', 'failed', 'retrying', 'cancelled']),
  title: z.string(),
  progress: z.number().int().describe('0–100'),
  progress_message: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  created_by: z.uuid().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  report: report.nullable().describe('The discrepancy report, once completed'),
});

/**
 * The sync form: one file field `file`, or one field `url`. The size limit is enforced while the
 * part streams in (busboy stops reading past it), never after buffering.
 */
async function readSyncForm(req: FastifyRequest) {
  const errors = req.server.multipartErrors;
  let file: { bytes: Buffer; filename?: string; contentType?: string } | undefined;
  let url: string | undefined;
  try {
    const parts = req.parts({
      limits: { fileSize: MAX_FEED_BYTES, files: 1, fields: 2, fieldSize: 4096, parts: 3 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(`body.${part.fieldname}`, 'Unknown file field; send the feed as `file`');
        }
        const bytes = await part.toBuffer();
        file = { bytes, filename: part.filename, contentType: part.mimetype };
      } else if (part.fieldname === 'url') {
        if (part.valueTruncated) throw invalid('body.url', 'At most 2000 characters');
        url = String(part.value);
      } else {
        throw invalid(`body.${part.fieldname}`, 'Unknown field');
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof errors.RequestFileTooLargeError) throw feedTooLarge();
    if (
      err instanceof errors.FilesLimitError ||
      err instanceof errors.FieldsLimitError ||
      err instanceof errors.PartsLimitError
    )
      throw invalid('body', 'Send one file field `file`, or one field `url`');
    throw new AppError(400, 'MALFORMED_BODY', 'The multipart body could not be read');
  }
  return { file, url };
}

/** The JSON form: `{ "url": "…" }`, validated like any body (422 naming the field). */
function readUrlBody(body: unknown) {
  const parsed = urlBody.safeParse(body ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      field: ['body', ...i.path].join('.'),
      message: i.message,
    }));
    throw new AppError(422, 'VALIDATION_FAILED', `Invalid body: ${errors[0]!.field}`, errors);
  }
  return parsed.data.url;
}

export const syncRoutes: FastifyPluginAsyncZod<{ inventory: InventoryService }> = async (
  app,
  { inventory },
) => {
  const staff = app.requireRole('staff', 'admin');

  app.post(
    '/admin/inventory/sync',
    {
      preHandler: staff,
      validatorCompiler: skipBodyValidation,
      schema: {
        tags: adminTags,
        summary: 'Reconcile stock with a counted feed (CSV or JSON file, or a URL): a background job',
        description: `multipart/form-data with a file field \`file\` (CSV with the header ${FEED_COLUMNS.join(',')}, or JSON \`[{"warehouse_code","sku","on_hand"}]\` / \`{"rows": [...]}\`; at most ${MAX_FEED_BYTES} bytes and ${MAX_FEED_ROWS} rows), or a field \`url\` — also accepted as JSON \`{"url": "…"}\` — on a host listed in INVENTORY_SYNC_ALLOWED_HOSTS. SKUs are variant SKUs. Each row sets on hand through the adjust path (movements reference \`import\` and the job id). Poll the returned job for progress and the discrepancy report.`,
        security: secured,
        consumes: ['multipart/form-data', 'application/json'],
        body: syncBody,
        response: {
          202: z.object({ job_id: z.uuid(), status_url: z.string() }),
          ...problemResponses(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (req, reply) => {
      let input: Parameters<InventoryService['startSync']>[1];
      if (req.isMultipart()) {
        const form = await readSyncForm(req);
        if (!form.file === !form.url)
          throw invalid('body', 'Send either a file field `file` or a field `url`');
        input = form.file ? { file: form.file } : { url: readUrlBody({ url: form.url }) };
      } else {
        input = { url: readUrlBody(req.body) };
      }
      const jobId = await inventory.startSync(actorOf(req), input);
      return reply.status(202).send({ job_id: jobId, status_url: `/api/v1/admin/inventory/sync/${jobId}` });
    },
  );

  app.get(
    '/admin/inventory/sync/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'An inventory sync job: status, progress and, once completed, the discrepancy report',
        security: secured,
        params: z.object({ id: z.uuid('Must be a UUID') }),
        response: { 200: syncJobSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => inventory.getSync(req.params.id),
  );
};
