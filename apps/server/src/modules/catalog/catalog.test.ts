import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';

let t: TestApp;
let staff: string;
let customer: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = (await signedIn(t, 'staff')).token;
  customer = (await signedIn(t)).token;
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const api = (method: Method, url: string, body?: unknown, token?: string) =>
  call(t.app, method, `/api/v1${url}`, { body, token });
const admin = (method: Method, url: string, body?: unknown) => api(method, `/admin${url}`, body, staff);

let seq = 0;
const sku = (p = 'SKU') => `${p}-${Date.now().toString(36)}-${seq++}`.toUpperCase();

async function makeCategory(name: string, parentId?: string) {
  const res = await admin('POST', '/categories', { name, parent_id: parentId });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; slug: string };
}

async function makeProduct(categoryId: string, patch: Record<string, unknown> = {}) {
  const res = await admin('POST', '/products', {
    name: `Product ${seq}`,
    sku: sku(),
    category_id: categoryId,
    price_cents: 299,
    status: 'active',
    ...patch,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; slug: string; sku: string; variants: { id: string }[] };
}

describe('categories (CAT-1)', () => {
  it('builds a tree of any depth with slugs, breadcrumbs and counts including descendants', async () => {
    const food = await makeCategory('Food & Drink');
    expect(food.slug).toBe('food-and-drink');
    const dairy = await makeCategory('Dairy', food.id);
    const cheese = await makeCategory('Cheese', dairy.id);
    const again = await makeCategory('Cheese', dairy.id);
    expect(again.slug).toBe('cheese-2');
    await makeProduct(cheese.id);
    await makeProduct(cheese.id);
    await makeProduct(dairy.id);
    await makeProduct(dairy.id, { status: 'draft' });

    const detail = await api('GET', `/categories/${cheese.slug}`);
    expect(detail.status).toBe(200);
    expect(detail.body.breadcrumb.map((c: { slug: string }) => c.slug)).toEqual([
      'food-and-drink',
      'dairy',
      'cheese',
    ]);
    expect(detail.body.depth).toBe(2);

    const tree = (await api('GET', '/categories')).body;
    const foodNode = tree.find((c: { id: string }) => c.id === food.id);
    expect(foodNode.product_count).toBe(3);
    expect(foodNode.children[0].product_count).toBe(3);
    expect(foodNode.children[0].children.find((c: { id: string }) => c.id === cheese.id).product_count).toBe(
      2,
    );
  });

  it('moves a subtree, refuses cycles, hides inactive branches, and deletes only empty categories', async () => {
    const a = await makeCategory('Alpha');
    const b = await makeCategory('Beta', a.id);
    const c = await makeCategory('Gamma', b.id);
    const cycle = await admin('PATCH', `/categories/${a.id}`, { parent_id: c.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('CATEGORY_CYCLE');
    expect((await admin('PATCH', `/categories/${a.id}`, { parent_id: a.id })).status).toBe(409);

    const other = await makeCategory('Other root');
    expect((await admin('PATCH', `/categories/${b.id}`, { parent_id: other.id })).status).toBe(200);
    const moved = await api('GET', '/categories/gamma');
    expect(moved.body.breadcrumb.map((x: { slug: string }) => x.slug) as string[]).toEqual([
      'other-root',
      'beta',
      'gamma',
    ]);

    await admin('PATCH', `/categories/${other.id}`, { is_active: false });
    expect((await api('GET', '/categories/gamma')).status).toBe(404);
    expect((await api('GET', '/categories')).body.some((x: { id: string }) => x.id === other.id)).toBe(false);
    expect((await admin('GET', '/categories')).body.some((x: { id: string }) => x.id === other.id)).toBe(
      true,
    );

    expect((await admin('DELETE', `/categories/${b.id}`)).body.code).toBe('CATEGORY_HAS_CHILDREN');
    expect((await admin('DELETE', `/categories/${c.id}`)).status).toBe(204);
  });

  it('rejects bad category input and non-staff callers', async () => {
    expect((await admin('POST', '/categories', { name: '' })).status).toBe(422);
    expect((await admin('POST', '/categories', { name: 'X', slug: 'Has Spaces' })).status).toBe(422);
    expect(
      (await admin('POST', '/categories', { name: 'X', parent_id: '00000000-0000-4000-8000-000000000000' }))
        .status,
    ).toBe(422);
    const dup = await makeCategory('Unique Name');
    expect((await admin('POST', '/categories', { name: 'Y', slug: dup.slug })).status).toBe(409);
    expect((await api('POST', '/admin/categories', { name: 'Z' }, customer)).status).toBe(403);
    expect((await api('POST', '/admin/categories', { name: 'Z' })).status).toBe(401);
  });
});

describe('products and variants (CAT-2, CAT-3, CAT-6, CAT-8)', () => {
  let cat: { id: string };
  beforeAll(async () => {
    cat = await makeCategory('Pantry');
  });

  it('creates a product with a single default variant carrying its SKU and price', async () => {
    const p = await makeProduct(cat.id, {
      name: 'Crème Brûlée 200 g',
      price_cents: 450,
      sale_price_cents: 360,
      tags: ['Dessert', 'chilled'],
      attributes: { vegetarian: true, origin: 'FR' },
      unit: '200 g',
      dimensions: { length_mm: 80, width_mm: 80, height_mm: 40 },
    });
    expect(p).toMatchObject({
      slug: 'creme-brulee-200-g',
      price_cents: 450,
      sale_price_cents: 360,
      effective_price_cents: 360,
      discount_percent: 20,
      tags: ['dessert', 'chilled'],
      status: 'active',
    });
    expect(p.variants).toHaveLength(1);
    expect(p.variants[0]).toMatchObject({ sku: p.sku, is_default: true, price_cents: 450 });
    const bySlug = await api('GET', `/products/slug/${p.slug}`);
    expect(bySlug.body.id).toBe(p.id);
    expect(bySlug.body.category.breadcrumb.at(-1).id).toBe(cat.id);
  });

  it('creates products with options and variants, each with its own SKU and price', async () => {
    const p = await makeProduct(cat.id, {
      name: 'Basmati Rice',
      options: [{ name: 'size', values: ['500 g', '1 kg'] }],
      variants: [
        { sku: sku('RICE'), name: '500 g', options: { size: '500 g' }, price_cents: 199 },
        {
          sku: sku('RICE'),
          name: '1 kg',
          options: { size: '1 kg' },
          price_cents: 349,
          sale_price_cents: 299,
          is_default: true,
        },
      ],
    });
    expect(p).toMatchObject({ price_cents: 349, sale_price_cents: 299 });
    expect((p.variants as unknown as { name: string }[]).map((v) => v.name)).toEqual(['500 g', '1 kg']);
    const dupCombo = await admin('POST', `/products/${p.id}/variants`, {
      sku: sku(),
      name: 'again',
      options: { size: '1 kg' },
      price_cents: 1,
    });
    expect(dupCombo.status).toBe(409);
    const badOption = await admin('POST', `/products/${p.id}/variants`, {
      sku: sku(),
      name: '2 kg',
      options: { size: '2 kg' },
      price_cents: 1,
    });
    expect(badOption.status).toBe(422);
  });

  it.each([
    [{ price_cents: -1 }, 'body.price_cents'],
    [{ price_cents: 1.5 }, 'body.price_cents'],
    [{ price_cents: 1e12 }, 'body.price_cents'],
    [{ price_cents: '299' }, 'body.price_cents'],
    [{ sale_price_cents: 300 }, 'body.sale_price_cents'],
    [{ slug: 'has spaces' }, 'body.slug'],
    [{ name: '' }, 'body.name'],
    [{ category_id: '00000000-0000-4000-8000-000000000000' }, 'body.category_id'],
    [{ status: 'published' }, 'body.status'],
    [{ currency: 'dollars' }, 'body.currency'],
    [{ options: [{ name: 'size', values: ['S'] }] }, 'body.variants'],
  ])('rejects %j with 422 and writes nothing', async (patch, field) => {
    const code = sku('BAD');
    const res = await admin('POST', '/products', {
      name: 'Bad',
      sku: code,
      category_id: cat.id,
      price_cents: 299,
      ...patch,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const { rows } = await t.database.pool.query(
      'select count(*)::int as n from product_variants where sku = $1',
      [code],
    );
    expect(rows[0].n).toBe(0);
  });

  it('answers a duplicate SKU (any case) with 409 and keeps slugs unique and stable', async () => {
    const p = await makeProduct(cat.id, { name: 'Olive Oil' });
    const dup = await admin('POST', '/products', {
      name: 'Other',
      sku: p.sku.toLowerCase(),
      category_id: cat.id,
      price_cents: 1,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('SKU_TAKEN');
    const twin = await makeProduct(cat.id, { name: 'Olive Oil' });
    expect(twin.slug).toBe('olive-oil-2');
    const renamed = await admin('PATCH', `/products/${p.id}`, { name: 'Extra Virgin Olive Oil' });
    expect(renamed.body.slug).toBe('olive-oil');
  });

  it('records every price change in the price history', async () => {
    const p = await makeProduct(cat.id, { price_cents: 500 });
    const changed = await admin('PATCH', `/products/${p.id}`, { price_cents: 550 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await admin('PATCH', `/products/${p.id}`, { sale_price_cents: 499 });
    await admin('PATCH', `/products/${p.id}`, { name: 'Renamed only' });
    const badSale = await admin('PATCH', `/products/${p.id}`, { sale_price_cents: 600 });
    expect(badSale.status).toBe(422);
    const history = (await admin('GET', `/products/${p.id}/price-history`)).body;
    expect(
      history.map((h: { new_price_cents: number; new_sale_price_cents: number | null }) => [
        h.new_price_cents,
        h.new_sale_price_cents,
      ]),
    ).toEqual([
      [550, 499],
      [550, null],
      [500, null],
    ]);
    expect(history[0].changed_by).toBeTruthy();
  });

  it('shows only active products publicly; archived ones stay resolvable for staff', async () => {
    const draft = await makeProduct(cat.id, { status: 'draft' });
    expect((await api('GET', `/products/${draft.id}`)).status).toBe(404);
    expect((await api('GET', `/products/${draft.id}`, undefined, staff)).status).toBe(200);
    const live = await makeProduct(cat.id);
    expect((await admin('DELETE', `/products/${live.id}`)).status).toBe(204);
    expect((await api('GET', `/products/${live.id}`)).status).toBe(404);
    expect((await admin('GET', `/products/${live.id}`)).body.status).toBe('archived');
    expect((await api('GET', '/products/not-a-uuid')).status).toBe(422);
  });

  it('lists products in every status for staff, filtered by status, category and text', async () => {
    const shelf = await makeCategory('Staff Shelf');
    const sub = await makeCategory('Staff Shelf Sub', shelf.id);
    const draft = await makeProduct(shelf.id, { name: 'Quince Paste Draft', status: 'draft' });
    const live = await makeProduct(sub.id, { name: 'Quince Jelly', brand: 'Orchardly' });
    const gone = await makeProduct(shelf.id, { name: 'Quince Archived' });
    expect((await admin('DELETE', `/products/${gone.id}`)).status).toBe(204);

    const all = await admin('GET', `/products?category=${shelf.id}&per_page=100`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    const byId = new Map(all.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(draft.id)).toMatchObject({ status: 'draft', sku: draft.sku, price_cents: 299 });
    expect(byId.get(gone.id)).toMatchObject({ status: 'archived' });
    // Most recently changed first: the archived one was touched last.
    expect(all.body.items[0].id).toBe(gone.id);

    const drafts = await admin('GET', `/products?category=${shelf.slug}&status=draft`);
    expect(drafts.body.items.map((i: { id: string }) => i.id)).toEqual([draft.id]);
    const bySku = await admin('GET', `/products?q=${encodeURIComponent(live.sku.toLowerCase())}`);
    expect(bySku.body.items.map((i: { id: string }) => i.id)).toEqual([live.id]);
    const byBrand = await admin('GET', `/products?q=orchard&category=${shelf.id}`);
    expect(byBrand.body.items.map((i: { id: string }) => i.id)).toEqual([live.id]);
    // LIKE wildcards in the text are literal characters, not patterns.
    expect(
      (await admin('GET', `/products?q=${encodeURIComponent('%')}&category=${shelf.id}`)).body.total,
    ).toBe(0);
    const paged = await admin('GET', `/products?category=${shelf.id}&per_page=2&page=2`);
    expect(paged.body).toMatchObject({ page: 2, per_page: 2, total: 3, total_pages: 2 });
    expect(paged.body.items).toHaveLength(1);

    expect((await admin('GET', '/products?status=deleted')).status).toBe(422);
    expect((await admin('GET', '/products?page=0')).status).toBe(422);
    expect((await admin('GET', `/products?q=${'x'.repeat(201)}`)).status).toBe(422);
    expect((await admin('GET', '/products?category=no-such-category')).status).toBe(404);
    expect((await api('GET', '/admin/products', undefined, customer)).status).toBe(403);
    expect((await api('GET', '/admin/products')).status).toBe(401);
  });

  it('shows an admin edit on the very next read (cache invalidation, CAT-10)', async () => {
    const p = await makeProduct(cat.id, { name: 'Cached Thing', price_cents: 100 });
    expect((await api('GET', `/products/${p.id}`)).body.price_cents).toBe(100);
    const listBefore = await api('GET', `/products?category=${cat.id}&per_page=100`);
    expect(listBefore.body.items.find((i: { id: string }) => i.id === p.id).price_cents).toBe(100);
    await admin('PATCH', `/products/${p.id}`, { price_cents: 120, name: 'Cached Thing v2' });
    expect((await api('GET', `/products/${p.id}`)).body).toMatchObject({
      price_cents: 120,
      name: 'Cached Thing v2',
    });
    const listAfter = await api('GET', `/products?category=${cat.id}&per_page=100`);
    expect(listAfter.body.items.find((i: { id: string }) => i.id === p.id).price_cents).toBe(120);
  });

  it('counts product views in batches, not one write per request', async () => {
    const p = await makeProduct(cat.id);
    for (let i = 0; i < 5; i++) await api('GET', `/products/${p.id}`);
    const before = await t.database.pool.query('select view_count from products where id = $1', [p.id]);
    expect(Number(before.rows[0].view_count)).toBe(0);
    await t.app.services.catalog.flushViews();
    const after = await t.database.pool.query('select view_count from products where id = $1', [p.id]);
    expect(Number(after.rows[0].view_count)).toBe(5);
    const daily = await t.database.pool.query('select views from product_views_daily where product_id = $1', [
      p.id,
    ]);
    expect(daily.rows[0].views).toBe(5);
  });
});

describe('search (CAT-5) and listings (CAT-7)', () => {
  let fruit: { id: string; slug: string };
  let dairyRoot: { id: string; slug: string };
  beforeAll(async () => {
    const root = await makeCategory('Search Root');
    dairyRoot = await makeCategory('Search Dairy', root.id);
    const milkCat = await makeCategory('Search Milk', dairyRoot.id);
    fruit = await makeCategory('Search Fruit', root.id);
    const mk = (name: string, categoryId: string, extra: Record<string, unknown> = {}) =>
      makeProduct(categoryId, { name, ...extra });
    await mk('Organic Whole Milk 1 L', milkCat.id, {
      brand: 'Happy Cow',
      price_cents: 249,
      tags: ['organic'],
      is_featured: true,
    });
    await mk('Skimmed Milk 1 L', milkCat.id, { brand: 'Happy Cow', price_cents: 199 });
    await mk('Greek Yoghurt', dairyRoot.id, {
      brand: 'Olympus',
      price_cents: 399,
      description: 'Thick and creamy, made with whole milk',
    });
    await mk('Dark Chocolate 70%', fruit.id, {
      brand: 'Cocoa Co',
      price_cents: 299,
      sale_price_cents: 249,
      tags: ['vegan'],
    });
    await mk('Bananas', fruit.id, { brand: 'Tropico', price_cents: 129, tags: ['organic', 'vegan'] });
    await mk('Hidden Milk Draft', milkCat.id, { status: 'draft' });
  });

  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name);

  it('finds by words, prefixes and typos, ranking name matches first', async () => {
    const milk = await api('GET', '/products?q=milk');
    expect(names(milk).slice(0, 2).sort()).toEqual(['Organic Whole Milk 1 L', 'Skimmed Milk 1 L']);
    expect(names(milk)).toContain('Greek Yoghurt');
    expect(names(milk)).not.toContain('Hidden Milk Draft');
    expect(names(await api('GET', '/products?q=milc'))).toEqual(
      expect.arrayContaining(['Organic Whole Milk 1 L', 'Skimmed Milk 1 L']),
    );
    expect(names(await api('GET', '/products?q=choc'))).toEqual(['Dark Chocolate 70%']);
    expect(names(await api('GET', '/products?q=choclate'))).toEqual(['Dark Chocolate 70%']);
    expect(names(await api('GET', '/products?q=happy%20cow'))).toHaveLength(2);
  });

  it('filters by category (with descendants), price, tags, brand and featured, with facet counts', async () => {
    const dairy = await api('GET', `/products?category=${dairyRoot.slug}`);
    expect(dairy.body.total).toBe(3);
    expect(dairy.body.facets.brands).toEqual([
      { brand: 'Happy Cow', count: 2 },
      { brand: 'Olympus', count: 1 },
    ]);
    expect(dairy.body.facets.categories.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(3);
    const buckets = dairy.body.facets.price_buckets;
    expect(buckets.find((b: { min_cents: number }) => b.min_cents === 0).count).toBe(1);
    expect(buckets.find((b: { min_cents: number }) => b.min_cents === 200).count).toBe(2);

    const cheap = await api('GET', `/products?category=${fruit.id}&max_price=250`);
    expect(names(cheap).sort()).toEqual(['Bananas', 'Dark Chocolate 70%']);
    expect(names(await api('GET', `/products?category=${fruit.id}&min_price=250`))).toEqual([]);
    expect(names(await api('GET', '/products?tags=vegan&sort=price_asc'))).toEqual([
      'Bananas',
      'Dark Chocolate 70%',
    ]);
    expect(names(await api('GET', '/products?brand=Olympus'))).toEqual(['Greek Yoghurt']);
    expect(names(await api('GET', `/products?featured=true&category=${dairyRoot.id}`))).toEqual([
      'Organic Whole Milk 1 L',
    ]);
    expect((await api('GET', '/products?category=no-such-category')).status).toBe(404);
  });

  it('sorts and paginates; per_page is capped at 100', async () => {
    const asc = names(await api('GET', `/products?category=${dairyRoot.id}&sort=price_asc`));
    expect(asc).toEqual(['Skimmed Milk 1 L', 'Organic Whole Milk 1 L', 'Greek Yoghurt']);
    const desc = names(await api('GET', `/products?category=${dairyRoot.id}&sort=price_desc`));
    expect(desc).toEqual([...asc].reverse());
    const page2 = await api('GET', `/products?category=${dairyRoot.id}&sort=price_asc&per_page=2&page=2`);
    expect(page2.body).toMatchObject({ page: 2, per_page: 2, total: 3, total_pages: 2 });
    expect(names(page2)).toEqual(['Greek Yoghurt']);
    expect((await api('GET', '/products?per_page=100000')).body.per_page).toBe(100);
  });

  it('treats hostile search text as text', async () => {
    for (const q of [
      "'; drop table products; --",
      'milk & | ! (',
      '%_\\',
      '<script>alert(1)</script>',
      '日本語',
    ]) {
      const res = await api('GET', `/products?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
    }
    expect((await api('GET', `/products?q=${'a'.repeat(201)}`)).status).toBe(422);
    const huge = await t.app.inject({
      method: 'GET',
      url: `/api/v1/products?q=${'a'.repeat(10 * 1024 * 1024)}`,
    });
    expect([414, 422, 431]).toContain(huge.statusCode);
    expect((await api('GET', '/products?min_price=-5')).status).toBe(422);
    expect((await api('GET', '/products?sort=random')).status).toBe(422);
    expect((await api('GET', '/products?rating_gte=6')).status).toBe(422);
  });

  it('suggests names and categories as you type', async () => {
    const res = await api('GET', '/products/suggest?q=mil');
    expect(res.body.products.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Skimmed Milk 1 L']),
    );
    expect(res.body.categories.map((c: { name: string }) => c.name)).toContain('Search Milk');
    expect((await api('GET', '/products/suggest?q=')).status).toBe(422);
  });

  it('lists featured, popular and related products', async () => {
    const featured = (await api('GET', '/products/featured?limit=50')).body;
    expect(featured.map((p: { name: string }) => p.name)).toContain('Organic Whole Milk 1 L');
    expect(featured.every((p: { is_featured: boolean }) => p.is_featured)).toBe(true);
    const skim = (await api('GET', '/products?q=skimmed')).body.items[0];
    const related = (await api('GET', `/products/${skim.id}/related`)).body;
    expect(related[0].name).toBe('Organic Whole Milk 1 L');
    expect(related.map((p: { id: string }) => p.id)).not.toContain(skim.id);
    expect((await api('GET', '/products/popular?limit=5')).body.length).toBeGreaterThan(0);
    expect((await api('GET', `/products/${skim.id}/bought-together`)).body).toEqual([]);
  });
});

describe("stock at the shopper's store (INV-9)", () => {
  type Card = { id: string; in_stock: boolean };
  type Listing = { items: Card[]; total: number; facets: { categories: { id: string; count: number }[] } };
  let cat: { id: string; slug: string };
  let storeA: string;
  let storeB: string;

  async function makeStore() {
    const res = await admin('POST', '/warehouses', {
      code: sku('DS'),
      name: 'Dark store',
      address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'US' },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return (res.body as { id: string }).id;
  }
  const setStock = async (warehouseId: string, variantId: string, set: number) => {
    const res = await admin('POST', '/inventory/adjust', {
      warehouse_id: warehouseId,
      variant_id: variantId,
      set,
      reason: 'count',
    });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  };
  const listing = async (query: string) => {
    const res = await api('GET', `/products?category=${cat.slug}&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Listing;
  };
  const cardOf = (l: Listing, id: string) => l.items.find((i) => i.id === id);

  beforeAll(async () => {
    cat = await makeCategory('Store Stock');
    [storeA, storeB] = [await makeStore(), await makeStore()];
  });

  it('answers in_stock, the in-stock filter and its facet counts for the given store', async () => {
    const onlyA = await makeProduct(cat.id, { name: 'Only At A' });
    const both = await makeProduct(cat.id, { name: 'At Both' });
    await setStock(storeA, onlyA.variants[0]!.id, 3);
    await setStock(storeA, both.variants[0]!.id, 3);
    await setStock(storeB, both.variants[0]!.id, 3);

    expect(cardOf(await listing(`store=${storeA}`), onlyA.id)?.in_stock).toBe(true);
    expect(cardOf(await listing(`store=${storeB}`), onlyA.id)?.in_stock).toBe(false);
    // Without a store: in stock somewhere, as before.
    expect(cardOf(await listing(''), onlyA.id)?.in_stock).toBe(true);

    const inStockAtB = await listing(`store=${storeB}&in_stock=true`);
    expect(inStockAtB.items.map((i) => i.id)).toEqual([both.id]);
    expect(inStockAtB.total).toBe(1);
    expect(inStockAtB.facets.categories).toEqual([expect.objectContaining({ id: cat.id, count: 1 })]);
    const inStockAtA = await listing(`store=${storeA}&in_stock=true`);
    expect(inStockAtA.items.map((i) => i.id).sort()).toEqual([onlyA.id, both.id].sort());
    expect(inStockAtA.facets.categories).toEqual([expect.objectContaining({ id: cat.id, count: 2 })]);

    const featured = await admin('PATCH', `/products/${onlyA.id}`, { is_featured: true });
    expect(featured.status).toBe(200);
    const rail = await api('GET', `/products/featured?limit=50&store=${storeB}`);
    expect((rail.body as Card[]).find((c) => c.id === onlyA.id)?.in_stock).toBe(false);
  });

  it('shows a sell-out at one store on the next read, though the product is still in stock elsewhere', async () => {
    const p = await makeProduct(cat.id, { name: 'Selling Out At B' });
    const v = p.variants[0]!.id;
    await setStock(storeA, v, 5);
    await setStock(storeB, v, 5);
    expect(cardOf(await listing(`store=${storeB}`), p.id)?.in_stock).toBe(true); // now cached
    await setStock(storeB, v, 0);
    expect(cardOf(await listing(`store=${storeB}`), p.id)?.in_stock).toBe(false);
    expect(cardOf(await listing(`store=${storeA}`), p.id)?.in_stock).toBe(true);
    expect(cardOf(await listing(''), p.id)?.in_stock).toBe(true);
  });

  it('follows checkout reservations: the last unit reserved at a store is gone there only', async () => {
    const p = await makeProduct(cat.id, { name: 'Last Unit At B' });
    const v = p.variants[0]!.id;
    await setStock(storeA, v, 3);
    await setStock(storeB, v, 1);
    const inv = t.app.services.inventory;
    const items = [{ variantId: v, quantity: 1 }];
    expect(cardOf(await listing(`store=${storeB}`), p.id)?.in_stock).toBe(true);
    await t.database.db.transaction((tx) =>
      inv.reserve(tx, { warehouseId: storeB, items, reference: { type: 'order', id: 'o-1' } }),
    );
    expect(cardOf(await listing(`store=${storeB}`), p.id)?.in_stock).toBe(false);
    expect(cardOf(await listing(`store=${storeA}`), p.id)?.in_stock).toBe(true);
    await t.database.db.transaction((tx) => inv.release(tx, { warehouseId: storeB, items }));
    expect(cardOf(await listing(`store=${storeB}`), p.id)?.in_stock).toBe(true);
  });

  it("forgets an answer cached while a caller's transaction was selling the last unit, once it commits", async () => {
    const p = await makeProduct(cat.id, { name: 'Sold During A Read' });
    const v = p.variants[0]!.id;
    await setStock(storeB, v, 1);
    const items = [{ variantId: v, quantity: 1 }];
    await t.database.db.transaction(async (tx) => {
      await t.app.services.inventory.reserve(tx, {
        warehouseId: storeB,
        items,
        reference: { type: 'order', id: 'o-2' },
      });
      // Not committed yet: this read sees the unit and caches that answer.
      expect(cardOf(await listing(`store=${storeB}`), p.id)?.in_stock).toBe(true);
    });
    await expect
      .poll(async () => cardOf(await listing(`store=${storeB}`), p.id)?.in_stock, { timeout: 5000 })
      .toBe(false);
  });

  it("marks each variant on the product page for the store, and follows a store's closing", async () => {
    const p = await makeProduct(cat.id, {
      name: 'Sized Tee',
      options: [{ name: 'Size', values: ['S', 'L'] }],
      variants: [
        { sku: sku(), name: 'S', options: { Size: 'S' }, price_cents: 100, is_default: true },
        { sku: sku(), name: 'L', options: { Size: 'L' }, price_cents: 100 },
      ],
    });
    const [s, l] = p.variants as { id: string; name: string }[];
    await setStock(storeA, s!.id, 2);
    type Detail = { in_stock: boolean; variants: { id: string; in_stock: boolean | null }[] };
    const page = async (query: string) => {
      const res = await api('GET', `/products/slug/${p.slug}${query}`);
      expect(res.status).toBe(200);
      return res.body as Detail;
    };
    const stockOf = (d: Detail) => Object.fromEntries(d.variants.map((v) => [v.id, v.in_stock]));

    const atA = await page(`?store=${storeA}`);
    expect(atA.in_stock).toBe(true);
    expect(stockOf(atA)).toEqual({ [s!.id]: true, [l!.id]: false });
    const atB = await page(`?store=${storeB}`);
    expect(atB.in_stock).toBe(false);
    expect(stockOf(atB)).toEqual({ [s!.id]: false, [l!.id]: false });
    expect(stockOf(await page(''))).toEqual({ [s!.id]: null, [l!.id]: null });

    const closed = await admin('PATCH', `/warehouses/${storeA}`, { is_active: false });
    expect(closed.status).toBe(200);
    expect((await page(`?store=${storeA}`)).in_stock).toBe(false);
    expect((await api('GET', `/products/${p.id}?store=${storeA}`)).body.in_stock).toBe(false);
    await admin('PATCH', `/warehouses/${storeA}`, { is_active: true });
    expect((await page(`?store=${storeA}`)).in_stock).toBe(true);
  });

  it('refuses a store that is not a store id, or no known store', async () => {
    const p = await makeProduct(cat.id);
    const malformed = await api('GET', '/products?store=DS-NORTH');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'querystring.store' })]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/products?store=${unknown}`,
      `/products/featured?store=${unknown}`,
      `/products/slug/${p.slug}?store=${unknown}`,
      `/products/${p.id}/related?store=${unknown}`,
    ]) {
      const res = await api('GET', url);
      expect(res.status, url).toBe(404);
      expect(res.body.detail, url).toMatch(/store/i);
    }
  });
});

describe('bulk import (CAT-8)', () => {
  it('creates and updates by SKU from CSV, applying valid rows and reporting the rest', async () => {
    const cat = await makeCategory('Import Target');
    const existing = await makeProduct(cat.id, { name: 'Existing Jam', price_cents: 300 });
    const csv = [
      'sku,name,category,price_cents,sale_price_cents,status,brand,tags',
      `IMP-NEW-1,Apricot Jam,${cat.slug},450,,active,Jammy,breakfast|sweet`,
      `${existing.sku},,,350,,,,`,
      `IMP-BAD-1,No Price,${cat.slug},,,active,,`,
      `IMP-BAD-2,Bad Sale,${cat.slug},100,200,active,,`,
      `IMP-BAD-3,Lost,no-such-category,100,,active,,`,
      `bad sku!,Name,${cat.slug},100,,active,,`,
    ].join('\n');
    const res = await call(t.app, 'POST', '/api/v1/admin/products/import', {
      body: csv,
      token: staff,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1, failed: 4 });
    const failed = res.body.rows.filter((r: { status: string }) => r.status === 'failed');
    expect(
      failed.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors[0]!.field]),
    ).toEqual([
      [3, 'price_cents'],
      [4, 'sale_price_cents'],
      [5, 'category'],
      [6, 'sku'],
    ]);
    const created = await api('GET', '/products/slug/apricot-jam');
    expect(created.body).toMatchObject({ price_cents: 450, brand: 'Jammy', tags: ['breakfast', 'sweet'] });
    const updated = await admin('GET', `/products/${existing.id}`);
    expect(updated.body.price_cents).toBe(350);
    const history = (await admin('GET', `/products/${existing.id}/price-history`)).body;
    expect(history[0]).toMatchObject({ new_price_cents: 350, source: 'import' });
  });

  it('accepts JSON rows and refuses malformed input', async () => {
    const cat = await makeCategory('Import JSON');
    const ok = await admin('POST', '/products/import', {
      rows: [{ sku: 'IMP-JSON-1', name: 'Json Tea', category: cat.id, price_cents: 199, status: 'active' }],
    });
    expect(ok.body.created).toBe(1);
    expect((await admin('POST', '/products/import', { nope: true })).status).toBe(400);
    const badCsv = await call(t.app, 'POST', '/api/v1/admin/products/import', {
      body: 'sku,name\n"unterminated,x',
      token: staff,
      headers: { 'content-type': 'text/csv' },
    });
    expect(badCsv.status).toBe(400);
    expect((await api('POST', '/admin/products/import', { rows: [] }, customer)).status).toBe(403);
  });
});

describe('SEO (CAT-9)', () => {
  it('renders product and category pages with title, description, Open Graph and JSON-LD', async () => {
    const cat = await makeCategory('Seo Snacks');
    await makeProduct(cat.id, {
      name: 'Sea Salt Crisps <Party Pack>',
      brand: 'Crunchy',
      unit: '150 g',
      price_cents: 349,
      sale_price_cents: 299,
      short_description: 'Thin, crisp and "salty".',
    });
    const page = await t.app.inject({ method: 'GET', url: '/p/sea-salt-crisps-party-pack' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>Sea Salt Crisps &lt;Party Pack&gt; (150 g) — Cartwheel</title>');
    expect(page.body).toContain('<meta property="og:type" content="product">');
    expect(page.body).toContain('content="Thin, crisp and &quot;salty&quot;."');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*)<\/script>/.exec(page.body)![1]!);
    expect(ld).toMatchObject({
      '@type': 'Product',
      brand: { name: 'Crunchy' },
      offers: { price: '2.99', priceCurrency: 'USD', availability: 'https://schema.org/InStock' },
    });
    expect(page.body).not.toContain('<Party Pack>');
    expect((await t.app.inject({ method: 'GET', url: '/p/no-such-product' })).statusCode).toBe(404);

    const catPage = await t.app.inject({ method: 'GET', url: `/c/${cat.slug}` });
    expect(catPage.body).toContain('<title>Seo Snacks — Cartwheel</title>');
    expect(catPage.body).toContain('"@type":"BreadcrumbList"');
  });

  it('serves robots.txt and a sitemap of active categories and products', async () => {
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(robots.body).toContain('Disallow: /admin');
    const sitemap = await t.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(sitemap.headers['content-type']).toContain('application/xml');
    expect(sitemap.body).toContain('<loc>http://localhost:3000/p/sea-salt-crisps-party-pack</loc>');
    expect(sitemap.body).toContain('<loc>http://localhost:3000/c/seo-snacks</loc>');
    expect(sitemap.body).not.toContain('hidden-milk-draft');
  });
});

describe('ratings from reviews (REV-4 via the catalog)', () => {
  it('shows an approved review in the product rating on the next read, despite the cache', async () => {
    const cat = await makeCategory('Rated Things');
    const p = await makeProduct(cat.id, { name: 'Rated Kettle' });
    expect((await api('GET', `/products/${p.id}`)).body.rating.count).toBe(0);
    const review = await api(
      'POST',
      `/products/${p.id}/reviews`,
      { rating: 4, title: 'Good', comment: 'Boils fast' },
      customer,
    );
    expect(review.status).toBe(201);
    expect((await api('GET', `/products/${p.id}`)).body.rating.count).toBe(0);
    const approved = await api(
      'POST',
      `/admin/reviews/${review.body.id}/moderate`,
      { action: 'approve' },
      staff,
    );
    expect(approved.status).toBe(200);
    const after = (await api('GET', `/products/${p.id}`)).body.rating;
    expect(after).toMatchObject({ average: 4, count: 1, distribution: { '4': 1 } });
  });
});

describe('rankings and recommendations jobs (CAT-7)', () => {
  it('ranks by recent views and learns "bought together" from co-purchases', async () => {
    const cat = await makeCategory('Ranked');
    const a = await makeProduct(cat.id, { name: 'Ranked Coffee' });
    const b = await makeProduct(cat.id, { name: 'Ranked Milk' });
    const c = await makeProduct(cat.id, { name: 'Ranked Sugar' });
    for (let i = 0; i < 3; i++) await api('GET', `/products/${b.id}`);
    await api('GET', `/products/${c.id}`);
    const pairs = [
      { productId: a.id, otherId: b.id, orders: 5 },
      { productId: a.id, otherId: c.id, orders: 2 },
      { productId: b.id, otherId: a.id, orders: 5 },
      { productId: a.id, otherId: '00000000-0000-4000-8000-000000000000', orders: 9 },
    ];
    const app = await (
      await import('../../app.js')
    ).buildApp(t.config, t.database, {
      orderHistory: { coPurchases: async () => pairs },
    });
    try {
      const { enqueue } = await import('../../platform/queue.js');
      const { refreshRankingsJob, refreshRecommendationsJob } = await import('./jobs.js');
      await app.services.catalog.flushViews();
      await t.app.services.catalog.flushViews();
      await enqueue(t.database.db, refreshRankingsJob, {});
      await enqueue(t.database.db, refreshRecommendationsJob, {});
      await app.queue.drain();
      const ranked = (await api('GET', `/products?category=${cat.id}&sort=popularity`)).body.items.map(
        (i: { name: string }) => i.name,
      );
      expect(ranked).toEqual(['Ranked Milk', 'Ranked Sugar', 'Ranked Coffee']);
      const fbt = (await api('GET', `/products/${a.id}/bought-together`)).body.map(
        (i: { name: string }) => i.name,
      );
      expect(fbt).toEqual(['Ranked Milk', 'Ranked Sugar']);
    } finally {
      await app.close();
    }
  });
});
