import { z } from 'zod';

export const MAX_PER_PAGE = 100;

/** `page`/`per_page` query fields; an over-large per_page is capped rather than refused. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((n) => Math.min(n, MAX_PER_PAGE)),
};

export type PageParams = { page: number; per_page: number };

export const pageOffset = (p: PageParams) => ({ limit: p.per_page, offset: (p.page - 1) * p.per_page });

export function pageOf<T>(items: T[], total: number, p: PageParams) {
  return { items, page: p.page, per_page: p.per_page, total, total_pages: Math.ceil(total / p.per_page) };
}

/** Response schema for a page of `item`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
    total_pages: z.number().int(),
  });
