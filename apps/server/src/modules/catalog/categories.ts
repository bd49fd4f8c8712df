import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Cache } from '../../platform/cache.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import { conflict, findOrFail, invalid, notFound } from '../../platform/errors.js';
import { categories, products, type CategoryRow } from './schema.js';
import { slugify, uniqueSlug } from './slug.js';

export const CATALOG_CACHE = 'catalog';
/** Live-event topic of stock status changes: sent on commit, it clears every process's catalog cache. */
export const CATALOG_STOCK_TOPIC = 'catalog:stock';

export type CategoryInput = {
  name: string;
  slug?: string;
  parentId?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  bannerUrl?: string | null;
  sortOrder?: number;
  isActive?: boolean;
  seoTitle?: string | null;
  seoDescription?: string | null;
};

export type CategoryNode = ReturnType<typeof toCategory> & {
  product_count: number;
  children: CategoryNode[];
};

export function toCategory(c: CategoryRow) {
  return {
    id: c.id,
    parent_id: c.parentId,
    name: c.name,
    slug: c.slug,
    description: c.description,
    icon_url: c.iconUrl,
    banner_url: c.bannerUrl,
    sort_order: c.sortOrder,
    is_active: c.isActive,
    seo_title: c.seoTitle,
    seo_description: c.seoDescription,
    depth: c.path.length - 1,
  };
}

/** Slug from the name, made unique with a numeric suffix against existing slugs. */
async function freeSlug(tx: DbOrTx, name: string) {
  const base = slugify(name);
  const rows = await tx
    .select({ slug: categories.slug })
    .from(categories)
    .where(or(eq(categories.slug, base), like(categories.slug, `${base}-%`)));
  return uniqueSlug(base, new Set(rows.map((r) => r.slug)));
}

export function createCategoryService(db: Db, cache: Cache) {
  const byId = async (tx: DbOrTx, id: string) =>
    findOrFail((await tx.select().from(categories).where(eq(categories.id, id)))[0], 'Category');

  async function parentPath(tx: DbOrTx, parentId: string | null | undefined) {
    if (!parentId) return [];
    const [parent] = await tx.select().from(categories).where(eq(categories.id, parentId));
    if (!parent) throw invalid('body.parent_id', 'Parent category does not exist');
    return parent.path;
  }

  const slugConflict = (err: unknown) => {
    if (isUniqueViolation(err, 'categories_slug_key'))
      return conflict('SLUG_TAKEN', 'Another category has this slug', [
        { field: 'body.slug', message: 'already used' },
      ]);
    return err;
  };

  /** Active product counts per category, rolled up so each counts its whole subtree. */
  async function subtreeCounts(rows: CategoryRow[]) {
    const direct = await db
      .select({ categoryId: products.categoryId, n: sql<number>`count(*)::int` })
      .from(products)
      .where(eq(products.status, 'active'))
      .groupBy(products.categoryId);
    const counts = new Map<string, number>();
    const directBy = new Map(direct.map((d) => [d.categoryId, d.n]));
    for (const c of rows) {
      const n = directBy.get(c.id) ?? 0;
      if (!n) continue;
      for (const ancestor of c.path) counts.set(ancestor, (counts.get(ancestor) ?? 0) + n);
    }
    return counts;
  }

  function buildTree(rows: CategoryRow[], counts: Map<string, number>): CategoryNode[] {
    const nodes = new Map<string, CategoryNode>(
      rows.map((c) => [c.id, { ...toCategory(c), product_count: counts.get(c.id) ?? 0, children: [] }]),
    );
    const roots: CategoryNode[] = [];
    for (const c of rows) {
      const node = nodes.get(c.id)!;
      const parent = c.parentId ? nodes.get(c.parentId) : undefined;
      if (parent) parent.children.push(node);
      else if (!c.parentId) roots.push(node);
    }
    return roots;
  }

  const ordered = (where?: ReturnType<typeof eq>) =>
    db.select().from(categories).where(where).orderBy(asc(categories.sortOrder), asc(categories.name));

  return {
    async tree(opts: { includeInactive: boolean }) {
      const rows = await ordered(opts.includeInactive ? undefined : eq(categories.isActive, true));
      // An inactive category hides its whole subtree from shoppers.
      const shown = new Set(rows.map((r) => r.id));
      const visible = opts.includeInactive ? rows : rows.filter((c) => c.path.every((id) => shown.has(id)));
      return buildTree(visible, await subtreeCounts(visible));
    },

    async bySlug(slug: string, opts: { includeInactive: boolean }) {
      const [c] = await db.select().from(categories).where(eq(categories.slug, slug));
      if (!c) throw notFound('Category');
      const lineage = await db.select().from(categories).where(inArray(categories.id, c.path));
      if (!opts.includeInactive && lineage.some((l) => !l.isActive)) throw notFound('Category');
      const children = await db
        .select()
        .from(categories)
        .where(eq(categories.parentId, c.id))
        .orderBy(asc(categories.sortOrder));
      const subtree = await db
        .select()
        .from(categories)
        .where(sql`${categories.path} @> array[${c.id}]::uuid[]`);
      const counts = await subtreeCounts(subtree);
      const byIdMap = new Map(lineage.map((l) => [l.id, l]));
      return {
        ...toCategory(c),
        product_count: counts.get(c.id) ?? 0,
        breadcrumb: c.path.map((id) => {
          const l = byIdMap.get(id)!;
          return { id: l.id, name: l.name, slug: l.slug };
        }),
        children: children
          .filter((ch) => opts.includeInactive || ch.isActive)
          .map((ch) => ({ ...toCategory(ch), product_count: counts.get(ch.id) ?? 0 })),
      };
    },

    async get(id: string) {
      return toCategory(await byId(db, id));
    },

    /** Ids of a category and all its descendants (for "category incl. descendants" filters). */
    async subtreeIds(idOrSlug: string): Promise<string[] | undefined> {
      return cache.wrap(CATALOG_CACHE, `subtree:${idOrSlug}`, async () => {
        const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
        const [c] = await db
          .select({ id: categories.id })
          .from(categories)
          .where(isUuid ? eq(categories.id, idOrSlug) : eq(categories.slug, idOrSlug));
        if (!c) return undefined;
        const rows = await db
          .select({ id: categories.id })
          .from(categories)
          .where(sql`${categories.path} @> array[${c.id}]::uuid[]`);
        return rows.map((r) => r.id);
      });
    },

    async create(input: CategoryInput) {
      try {
        const row = await db.transaction(async (tx) => {
          const path = await parentPath(tx, input.parentId);
          const slug = input.slug ?? (await freeSlug(tx, input.name));
          const id = crypto.randomUUID();
          const [created] = await tx
            .insert(categories)
            .values({
              id,
              name: input.name,
              slug,
              parentId: input.parentId ?? null,
              description: input.description ?? null,
              iconUrl: input.iconUrl ?? null,
              bannerUrl: input.bannerUrl ?? null,
              sortOrder: input.sortOrder ?? 0,
              isActive: input.isActive ?? true,
              seoTitle: input.seoTitle ?? null,
              seoDescription: input.seoDescription ?? null,
              path: [...path, id],
            })
            .returning();
          return created!;
        });
        await cache.invalidate(CATALOG_CACHE);
        return toCategory(row);
      } catch (err) {
        throw slugConflict(err);
      }
    },

    async update(id: string, patch: Partial<CategoryInput>) {
      try {
        const row = await db.transaction(async (tx) => {
          // Lock the tree while paths are rewritten: two moves at once could otherwise form a cycle.
          await tx.execute(sql`lock table ${categories} in share row exclusive mode`);
          const current = await byId(tx, id);
          let path = current.path;
          if (patch.parentId !== undefined && patch.parentId !== current.parentId) {
            const newParentPath = await parentPath(tx, patch.parentId);
            if (newParentPath.includes(id))
              throw conflict(
                'CATEGORY_CYCLE',
                'A category cannot move under itself or one of its descendants',
                [{ field: 'body.parent_id', message: 'is this category or one of its descendants' }],
              );
            path = [...newParentPath, id];
            // Re-root the subtree: every descendant's path keeps its tail below this category.
            await tx.execute(sql`
              update ${categories}
              set path = string_to_array(${path.join(',')}, ',')::uuid[] || path[array_position(path, ${id}::uuid) + 1:]
              where path @> array[${id}]::uuid[] and id <> ${id}`);
          }
          const [updated] = await tx
            .update(categories)
            .set({
              name: patch.name,
              slug: patch.slug,
              parentId: patch.parentId,
              description: patch.description,
              iconUrl: patch.iconUrl,
              bannerUrl: patch.bannerUrl,
              sortOrder: patch.sortOrder,
              isActive: patch.isActive,
              seoTitle: patch.seoTitle,
              seoDescription: patch.seoDescription,
              path,
            })
            .where(eq(categories.id, id))
            .returning();
          return updated!;
        });
        await cache.invalidate(CATALOG_CACHE);
        return toCategory(row);
      } catch (err) {
        throw slugConflict(err);
      }
    },

    async reorder(items: { id: string; sortOrder: number }[]) {
      await db.transaction(async (tx) => {
        const found = await tx
          .select({ id: categories.id })
          .from(categories)
          .where(
            inArray(
              categories.id,
              items.map((i) => i.id),
            ),
          );
        if (found.length !== new Set(items.map((i) => i.id)).size)
          throw invalid('body.items', 'Every id must be an existing category, listed once');
        for (const item of items)
          await tx.update(categories).set({ sortOrder: item.sortOrder }).where(eq(categories.id, item.id));
      });
      await cache.invalidate(CATALOG_CACHE);
    },

    async remove(id: string) {
      await db.transaction(async (tx) => {
        await byId(tx, id);
        const [child] = await tx
          .select({ id: categories.id })
          .from(categories)
          .where(eq(categories.parentId, id))
          .limit(1);
        if (child) throw conflict('CATEGORY_HAS_CHILDREN', 'Move or delete the subcategories first');
        const [product] = await tx
          .select({ id: products.id })
          .from(products)
          .where(and(eq(products.categoryId, id)))
          .limit(1);
        if (product) throw conflict('CATEGORY_HAS_PRODUCTS', 'Move the products to another category first');
        await tx.delete(categories).where(eq(categories.id, id));
      });
      await cache.invalidate(CATALOG_CACHE);
    },

    /** Active categories with slugs, for the sitemap. */
    async activeSlugs() {
      const rows = await db
        .select({ slug: categories.slug, updatedAt: categories.updatedAt })
        .from(categories)
        .where(eq(categories.isActive, true));
      return rows;
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
