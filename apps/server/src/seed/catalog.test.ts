import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage, type Storage } from '../platform/storage.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { POOL_PRODUCT_ID, seedCatalog, type SeedCatalogSummary } from './catalog.js';
import { planProducts } from './catalog-plan.js';

const PRODUCTS = 60;
/** Fewer than PRODUCTS, so the last products use the pooled files, as a scaled catalog does. */
const OWN_IMAGES = 50;

let t: TestApp;
let storage: Storage;
let first: SeedCatalogSummary;

const seed = (app: TestApp, store: Storage, seedValue?: number) =>
  seedCatalog(
    { db: app.database.db, storage: store, identity: app.app.services.identity },
    { products: PRODUCTS, ownImages: OWN_IMAGES, seed: seedValue },
  );

const query = async <T>(text: string, params: unknown[] = []) =>
  (await t.database.pool.query(text, params)).rows as T[];

beforeAll(async () => {
  t = await createTestApp();
  storage = createLocalStorage(`${t.config.dataDir}/files`);
  first = await seed(t, storage);
});

afterAll(async () => {
  await t?.close();
});

describe('demo catalog seed', () => {
  it('reports what it created', () => {
    expect(first).toMatchObject({ seeded: true, products: PRODUCTS });
    if (!first.seeded) return;
    expect(first.categories).toBeGreaterThanOrEqual(15);
    expect(first.pictures).toBeLessThanOrEqual(60);
  });

  it('builds a category tree 2–3 levels deep with consistent paths and SEO fields', async () => {
    const cats = await query<{
      id: string;
      parent_id: string | null;
      path: string[];
      slug: string;
      seo_title: string | null;
      description: string | null;
    }>('select id, parent_id, path, slug, seo_title, description from categories');
    expect(cats.length).toBeGreaterThanOrEqual(15);
    const depth = Math.max(...cats.map((c) => c.path.length));
    expect(depth).toBeGreaterThanOrEqual(2);
    expect(depth).toBeLessThanOrEqual(3);
    const byId = new Map(cats.map((c) => [c.id, c]));
    for (const c of cats) {
      expect(c.path.at(-1)).toBe(c.id);
      expect(c.path.at(-2) ?? null).toBe(c.parent_id);
      if (c.parent_id) expect(byId.get(c.parent_id)!.path).toEqual(c.path.slice(0, -1));
      expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.seo_title).toBeTruthy();
      expect(c.description).toBeTruthy();
    }
    // Products sit in leaf categories only, below the top level.
    const misplaced = await query(
      `select p.id from products p join categories c on c.id = p.category_id
       where array_length(c.path, 1) < 2 or exists (select 1 from categories k where k.parent_id = c.id)`,
    );
    expect(misplaced).toEqual([]);
  });

  it('gives every product exactly one default variant carrying its SKU and prices', async () => {
    const rows = await query<{ id: string; defaults: number; matches: number; variants: number }>(
      `select p.id,
              count(*) filter (where v.is_default)::int as defaults,
              count(*) filter (where v.is_default and v.price_cents = p.price_cents
                                 and v.sale_price_cents is not distinct from p.sale_price_cents)::int as matches,
              count(v.id)::int as variants
       from products p left join product_variants v on v.product_id = p.id group by p.id`,
    );
    expect(rows).toHaveLength(PRODUCTS);
    for (const r of rows) expect([r.defaults, r.matches]).toEqual([1, 1]);
    // A few products come in several sizes or colours, each with its own SKU.
    const multi = rows.filter((r) => r.variants > 1);
    expect(multi.length).toBeGreaterThan(0);
    const options = await query<{ options: { name: string; values: string[] }[]; variants: number }>(
      `select p.options, count(v.id)::int as variants from products p join product_variants v on v.product_id = p.id
       where p.id = any($1) group by p.id`,
      [multi.map((m) => m.id)],
    );
    for (const o of options) expect(o.options[0]!.values).toHaveLength(o.variants);
  });

  it('prices in integer cents, sales below the price, plausible fields', async () => {
    const bad = await query(
      `select id from products where price_cents <= 0 or (sale_price_cents is not null and sale_price_cents >= price_cents)
       union all
       select id from product_variants where price_cents <= 0 or (sale_price_cents is not null and sale_price_cents >= price_cents)`,
    );
    expect(bad).toEqual([]);
    const [stats] = await query<{
      on_sale: number;
      active: number;
      brands: number;
      with_unit: number;
      tagged: number;
    }>(
      `select count(*) filter (where sale_price_cents is not null)::int as on_sale,
              count(*) filter (where status = 'active')::int as active,
              count(distinct brand)::int as brands,
              count(*) filter (where unit is not null and weight_grams > 0)::int as with_unit,
              count(*) filter (where cardinality(tags) > 0 and short_description <> '' and description <> '')::int as tagged
       from products`,
    );
    expect(stats!.on_sale).toBeGreaterThan(PRODUCTS * 0.1);
    expect(stats!.active).toBeGreaterThan(PRODUCTS * 0.8);
    expect(stats!.brands).toBeGreaterThan(20);
    expect(stats!.with_unit).toBe(PRODUCTS);
    expect(stats!.tagged).toBe(PRODUCTS);
  });

  it('stores every rendition of every main image, as WebP of the declared size', async () => {
    const rows = await query<{
      main_image: Record<'thumb' | 'card' | 'full', { url: string; width: number; height: number }>;
      renditions: unknown;
      status: string;
      is_main: boolean;
    }>(
      `select p.main_image, i.renditions, i.status::text, i.is_main
       from products p join product_images i on i.product_id = p.id`,
    );
    expect(rows).toHaveLength(PRODUCTS);
    const keys = new Set<string>();
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'ready', is_main: true });
      expect(r.renditions).toEqual(r.main_image);
      for (const rendition of Object.values(r.main_image)) {
        expect(rendition.url).toMatch(
          /^\/uploads\/products\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/(thumb|card|full)\.webp$/,
        );
        keys.add(rendition.url.slice('/uploads/'.length));
      }
    }
    // Own files for the first OWN_IMAGES products, shared pooled files for the rest.
    const pooled = rows.filter((r) => r.main_image.full.url.includes(POOL_PRODUCT_ID));
    expect(pooled).toHaveLength(PRODUCTS - OWN_IMAGES);
    for (const key of keys) expect(await storage.exists(key), key).toBe(true);

    const { card } = rows[0]!.main_image;
    const meta = await sharp(
      await readAll(await storage.read(card.url.slice('/uploads/'.length))),
    ).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: card.width, height: card.height });
  });

  it('serves the seeded pictures (own and pooled) and category images at /uploads', async () => {
    const urls = await query<{ url: string }>(
      `(select main_image->'thumb'->>'url' as url from products where main_image->'thumb'->>'url' not like $1 limit 1)
       union all
       (select main_image->'card'->>'url' from products where main_image->'card'->>'url' like $1 limit 1)
       union all
       (select banner_url from categories where banner_url is not null limit 1)
       union all
       (select icon_url from categories where icon_url is not null limit 1)`,
      [`%${POOL_PRODUCT_ID}%`],
    );
    expect(urls).toHaveLength(4);
    for (const { url } of urls) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('image/webp');
    }
  });

  it('keeps rating summaries equal to the approved reviews', async () => {
    const mismatches = await query(
      `with s as (
         select product_id, count(*)::int as n, round(avg(rating), 2)::float8 as avg,
                jsonb_build_object('1', count(*) filter (where rating = 1), '2', count(*) filter (where rating = 2),
                                   '3', count(*) filter (where rating = 3), '4', count(*) filter (where rating = 4),
                                   '5', count(*) filter (where rating = 5)) as dist
         from reviews where status = 'approved' and deleted_at is null group by product_id)
       select p.id from products p left join s on s.product_id = p.id
       where p.rating_count <> coalesce(s.n, 0)
          or abs(p.rating_avg - coalesce(s.avg, 0)) > 0.001
          or p.rating_distribution <> coalesce(s.dist, '{"1":0,"2":0,"3":0,"4":0,"5":0}'::jsonb)`,
    );
    expect(mismatches).toEqual([]);
    const [stats] = await query<{ approved: number; reviewers: number; avg: number }>(
      `select count(*) filter (where status = 'approved')::int as approved, count(distinct user_id)::int as reviewers,
              avg(rating)::float8 as avg from reviews`,
    );
    expect(stats!.approved).toBeGreaterThan(10);
    expect(stats!.reviewers).toBeGreaterThan(3);
    expect(stats!.avg).toBeGreaterThan(3.5); // skewed positive
    // Reviewers are real customer accounts.
    const [users] = await query<{ n: number }>(
      `select count(*)::int as n from users where role = 'customer' and id in (select user_id from reviews)`,
    );
    expect(users!.n).toBe(stats!.reviewers);
  });

  it('does nothing when the catalog already has products', async () => {
    const before = await query<{ n: number }>(
      'select (select count(*) from products) + (select count(*) from reviews) + (select count(*) from categories) as n',
    );
    const again = await seed(t, storage);
    expect(again).toEqual({ seeded: false, reason: 'products already exist' });
    const after = await query<{ n: number }>(
      'select (select count(*) from products) + (select count(*) from reviews) + (select count(*) from categories) as n',
    );
    expect(after).toEqual(before);
  });

  it('is deterministic: the same seed gives the same slugs, SKUs and prices', async () => {
    const other = await createTestApp();
    try {
      const result = await seed(other, createLocalStorage(`${other.config.dataDir}/files`));
      expect(result.seeded).toBe(true);
      const catalogOf = async (app: TestApp) =>
        (
          await app.database.pool.query(
            `select p.slug, p.name, p.price_cents, p.sale_price_cents, v.sku
             from products p join product_variants v on v.product_id = p.id order by v.sku`,
          )
        ).rows;
      const a = await catalogOf(t);
      expect(a).toHaveLength(await countVariants(t));
      expect(await catalogOf(other)).toEqual(a);
      const categorySlugs = async (app: TestApp) =>
        (await app.database.pool.query('select slug from categories order by slug')).rows;
      expect(await categorySlugs(other)).toEqual(await categorySlugs(t));
    } finally {
      await other.close();
    }
    // The plan is the catalog: a different seed changes it, a larger catalog extends it.
    const slugs = (n: number, s?: number) => [...planProducts(n, s)].map((p) => p.slug);
    const stored = (await query<{ slug: string }>('select slug from products')).map((r) => r.slug).sort();
    expect([...slugs(PRODUCTS)].sort()).toEqual(stored);
    expect(slugs(PRODUCTS * 10).slice(0, PRODUCTS)).toEqual(slugs(PRODUCTS));
    const prices = (s: number) => [...planProducts(PRODUCTS, s)].map((p) => p.priceCents);
    expect(prices(1)).not.toEqual(prices(2));
  });
});

async function countVariants(app: TestApp) {
  const { rows } = await app.database.pool.query<{ n: number }>(
    'select count(*)::int as n from product_variants',
  );
  return rows[0]!.n;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
