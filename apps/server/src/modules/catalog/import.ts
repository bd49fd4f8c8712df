import { parse } from 'csv-parse/sync';
import { eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { AppError, badRequest } from '../../platform/errors.js';
import type { ProductService } from './products.js';
import { categories } from './schema.js';

/**
 * Bulk create/update (CAT-8): rows keyed by SKU — an unknown SKU creates a product, a known one
 * updates it. Each row is applied on its own, so valid rows land and the report says why the
 * others did not.
 */

export const MAX_IMPORT_ROWS = 5000;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const int = (max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(max).optional());
const bool = z.preprocess(
  emptyToUndefined,
  z
    .union([
      z.boolean(),
      z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v)),
    ])
    .optional(),
);
const str = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

export const importRow = z.object({
  sku: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, ".", "_" and "-"'),
  name: str(200),
  category: str(100).describe('Category slug or id'),
  price_cents: int(100_000_000),
  sale_price_cents: z.preprocess(
    emptyToUndefined,
    z.union([z.coerce.number().int().min(0).max(100_000_000), z.null()]).optional(),
  ),
  status: z.preprocess(emptyToUndefined, z.enum(['draft', 'active', 'archived']).optional()),
  brand: str(100),
  unit: str(40),
  short_description: str(500),
  description: str(20_000),
  is_featured: bool,
  tags: z.preprocess(
    (v) => (typeof v === 'string' ? (v ? v.split('|') : undefined) : emptyToUndefined(v)),
    z.array(z.string().trim().toLowerCase().min(1).max(40)).max(30).optional(),
  ),
});

export type ImportReportRow = {
  row: number;
  sku: string | null;
  status: 'created' | 'updated' | 'failed';
  product_id: string | null;
  errors: { field: string; message: string }[];
};

/** Rows from a CSV document (header line names the columns) or a JSON array. */
export function parseImport(body: unknown, contentType: string): Record<string, unknown>[] {
  if (contentType.includes('text/csv')) {
    try {
      return parse(String(body), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
        string,
        unknown
      >[];
    } catch (err) {
      throw badRequest('MALFORMED_CSV', `CSV could not be read: ${(err as Error).message}`);
    }
  }
  const rows = Array.isArray(body) ? body : (body as { rows?: unknown })?.rows;
  if (!Array.isArray(rows))
    throw badRequest('MALFORMED_BODY', 'Send a JSON array of rows, { "rows": [...] }, or text/csv');
  return rows as Record<string, unknown>[];
}

export async function importProducts(
  db: Db,
  productsSvc: ProductService,
  actor: { id: string },
  rawRows: Record<string, unknown>[],
) {
  if (rawRows.length > MAX_IMPORT_ROWS)
    throw new AppError(413, 'TOO_MANY_ROWS', `At most ${MAX_IMPORT_ROWS} rows per import`);
  const categoryIds = new Map<string, string | undefined>();
  const resolveCategory = async (ref: string) => {
    if (!categoryIds.has(ref)) {
      const isUuid = /^[0-9a-f-]{36}$/i.test(ref);
      const [c] = await db
        .select({ id: categories.id })
        .from(categories)
        .where(isUuid ? or(eq(categories.id, ref), eq(categories.slug, ref)) : eq(categories.slug, ref));
      categoryIds.set(ref, c?.id);
    }
    return categoryIds.get(ref);
  };

  const report: ImportReportRow[] = [];
  for (const [i, raw] of rawRows.entries()) {
    const rowNumber = i + 1;
    const parsed = importRow.safeParse(raw ?? {});
    const sku = typeof raw?.sku === 'string' ? raw.sku : null;
    if (!parsed.success) {
      report.push({
        row: rowNumber,
        sku,
        status: 'failed',
        product_id: null,
        errors: parsed.error.issues.map((e) => ({ field: e.path.join('.') || 'row', message: e.message })),
      });
      continue;
    }
    const r = parsed.data;
    try {
      const categoryId = r.category ? await resolveCategory(r.category) : undefined;
      if (r.category && !categoryId) throw new ImportRowError('category', `No category "${r.category}"`);
      const existing = await productsSvc.findBySku(db, r.sku);
      const fields = {
        name: r.name,
        categoryId,
        priceCents: r.price_cents,
        salePriceCents: r.sale_price_cents,
        status: r.status,
        brand: r.brand,
        unit: r.unit,
        shortDescription: r.short_description,
        description: r.description,
        isFeatured: r.is_featured,
        tags: r.tags,
      };
      if (existing) {
        if (!existing.isDefault)
          throw new ImportRowError(
            'sku',
            'This SKU is a non-default variant: edit it through the variants API',
          );
        const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
        await productsSvc.update(actor, existing.productId, patch, 'import');
        report.push({
          row: rowNumber,
          sku: r.sku,
          status: 'updated',
          product_id: existing.productId,
          errors: [],
        });
      } else {
        const missing = (['name', 'category', 'price_cents'] as const).filter((f) => r[f] === undefined);
        if (missing.length)
          throw new ImportRowError(missing[0]!, `Required to create a product: ${missing.join(', ')}`);
        const created = await productsSvc.create(
          actor,
          { ...fields, name: r.name!, sku: r.sku, categoryId: categoryId!, priceCents: r.price_cents! },
          'import',
        );
        report.push({ row: rowNumber, sku: r.sku, status: 'created', product_id: created.id, errors: [] });
      }
    } catch (err) {
      const errors =
        err instanceof ImportRowError
          ? [{ field: err.field, message: err.message }]
          : err instanceof AppError
            ? (err.errors?.map((e) => ({ field: e.field.replace(/^body\./, ''), message: e.message })) ?? [
                { field: 'row', message: err.message },
              ])
            : (() => {
                throw err;
              })();
      report.push({ row: rowNumber, sku: r.sku, status: 'failed', product_id: null, errors });
    }
  }
  const count = (s: ImportReportRow['status']) => report.filter((r) => r.status === s).length;
  return { created: count('created'), updated: count('updated'), failed: count('failed'), rows: report };
}

class ImportRowError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
