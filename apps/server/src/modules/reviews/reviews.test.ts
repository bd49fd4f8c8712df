import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { call, createTestApp, lastMail, signedIn, type TestApp } from '../../test/harness.js';

type User = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
/** The app under test: production's buildApp with a purchase check the tests control. */
let app: FastifyInstance;
const purchases = new Set<string>();
let categoryId: string;
let staff: User;

beforeAll(async () => {
  t = await createTestApp();
  // Orders do not exist yet, so verified purchase comes from this stand-in for their check.
  app = await buildApp(t.config, t.database, {
    hasPurchased: async (userId, productId) => purchases.has(`${userId}:${productId}`),
  });
  categoryId = randomUUID();
  await t.database.pool.query(
    'insert into categories (id, name, slug, path) values ($1, $2, $3, array[$1::uuid])',
    [categoryId, 'Dairy', `dairy-${categoryId}`],
  );
  staff = await signedIn(t, 'staff');
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  body?: unknown,
) => call(app, method, `/api/v1${url}`, { token, body });

let productSeq = 0;
async function createProduct(status: 'draft' | 'active' | 'archived' = 'active') {
  const id = randomUUID();
  const n = ++productSeq;
  await t.database.pool.query(
    `insert into products (id, name, slug, category_id, price_cents, status)
     values ($1, $2, $3, $4, $5, $6)`,
    [id, `Greek Yoghurt ${n}`, `greek-yoghurt-${n}-${id.slice(0, 8)}`, categoryId, 349, status],
  );
  return id;
}

const body = (over: Record<string, unknown> = {}) => ({
  rating: 4,
  title: 'Creamy and thick',
  comment: 'Great with honey.',
  ...over,
});

async function review(user: User, productId: string, over: Record<string, unknown> = {}) {
  const res = await api('POST', `/products/${productId}/reviews`, user.token, body(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string; rating: number };
}

async function moderate(id: string, action: 'approve' | 'reject' | 'hide', note?: string) {
  const res = await api('POST', `/admin/reviews/${id}/moderate`, staff.token, { action, note });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** An approved review by a fresh user. */
async function approvedReview(productId: string, over: Record<string, unknown> = {}) {
  const user = await signedIn(t);
  const r = await review(user, productId, over);
  await moderate(r.id, 'approve');
  return { user, review: r };
}

async function storedSummary(productId: string) {
  const { rows } = await t.database.pool.query(
    'select rating_avg, rating_count, rating_distribution from products where id = $1',
    [productId],
  );
  return rows[0] as { rating_avg: number; rating_count: number; rating_distribution: Record<string, number> };
}

const reviewCount = async (where: string, params: unknown[]) =>
  (await t.database.pool.query(`select count(*)::int as n from reviews where ${where}`, params)).rows[0]
    .n as number;

describe('writing a review (REV-1, REV-2)', () => {
  it('creates a pending review that is not published until approved', async () => {
    const productId = await createProduct();
    const u = await signedIn(t);
    const res = await api('POST', `/products/${productId}/reviews`, u.token, {
      rating: 5,
      title: '  Best yoghurt  ',
      comment: '  Thick, tangy, not too sweet.  ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      product_id: productId,
      rating: 5,
      title: 'Best yoghurt',
      comment: 'Thick, tangy, not too sweet.',
      status: 'pending',
      verified_purchase: false,
      author_name: 'Test U.',
      helpful_count: 0,
      unhelpful_count: 0,
      product: { id: productId, name: expect.stringMatching(/^Greek Yoghurt/) },
    });
    const list = await api('GET', `/products/${productId}/reviews`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect(list.body.summary).toEqual({
      average: 0,
      count: 0,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    });
  });

  it('marks a verified purchase when the orders check says the user bought the product', async () => {
    const productId = await createProduct();
    const buyer = await signedIn(t);
    purchases.add(`${buyer.id}:${productId}`);
    const bought = await review(buyer, productId);
    expect(bought).toMatchObject({ verified_purchase: true });
    const other = await review(await signedIn(t), productId);
    expect(other).toMatchObject({ verified_purchase: false });
  });

  it('requires sign-in', async () => {
    const productId = await createProduct();
    const res = await api('POST', `/products/${productId}/reviews`, undefined, body());
    expect(res.status).toBe(401);
  });

  it.each([
    [{ rating: 0 }, 'body.rating'],
    [{ rating: 6 }, 'body.rating'],
    [{ rating: 4.5 }, 'body.rating'],
    [{ rating: '5' }, 'body.rating'],
    [{ rating: null }, 'body.rating'],
    [{ title: undefined }, 'body.title'],
    [{ title: '   ' }, 'body.title'],
    [{ title: 'x'.repeat(121) }, 'body.title'],
    [{ comment: '' }, 'body.comment'],
    [{ comment: 'x'.repeat(10_000) }, 'body.comment'],
    [{ status: 'approved' }, 'body'],
    [{ verified_purchase: true }, 'body'],
  ])('rejects %j with 422 naming the field, writing nothing', async (over, field) => {
    const productId = await createProduct();
    const u = await signedIn(t);
    const res = await api('POST', `/products/${productId}/reviews`, u.token, body(over));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await reviewCount('user_id = $1', [u.id])).toBe(0);
  });

  it('accepts exactly 120-character titles and 5000-character comments', async () => {
    const productId = await createProduct();
    const r = await review(await signedIn(t), productId, {
      title: 't'.repeat(120),
      comment: 'c'.repeat(5000),
    });
    expect(r.status).toBe('pending');
  });

  it('rejects a non-UUID product id with 422 and an unknown product with 404', async () => {
    const u = await signedIn(t);
    const bad = await api('POST', '/products/not-a-uuid/reviews', u.token, body());
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('params.productId');
    const missing = await api('POST', `/products/${randomUUID()}/reviews`, u.token, body());
    expect(missing.status).toBe(404);
    expect(await reviewCount('user_id = $1', [u.id])).toBe(0);
  });

  it.each(['draft', 'archived'] as const)('refuses a review of a %s product', async (status) => {
    const productId = await createProduct(status);
    const u = await signedIn(t);
    const res = await api('POST', `/products/${productId}/reviews`, u.token, body());
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PRODUCT_NOT_REVIEWABLE');
    expect(await reviewCount('user_id = $1', [u.id])).toBe(0);
  });

  it('allows one review per user per product, also under concurrency', async () => {
    const productId = await createProduct();
    const u = await signedIn(t);
    await review(u, productId);
    const second = await api('POST', `/products/${productId}/reviews`, u.token, body({ rating: 1 }));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('REVIEW_EXISTS');

    const racer = await signedIn(t);
    const other = await createProduct();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api('POST', `/products/${other}/reviews`, racer.token, body())),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await reviewCount('user_id = $1 and product_id = $2', [racer.id, other])).toBe(1);
  });

  it('lists my reviews of any status, newest first, paginated, without deleted ones', async () => {
    const u = await signedIn(t);
    const [p1, p2, p3] = [await createProduct(), await createProduct(), await createProduct()];
    const r1 = await review(u, p1, { rating: 1 });
    const r2 = await review(u, p2, { rating: 2 });
    const r3 = await review(u, p3, { rating: 3 });
    await moderate(r1.id, 'approve');
    await moderate(r2.id, 'reject');
    await review(await signedIn(t), p1); // someone else's

    const page1 = await api('GET', '/me/reviews?per_page=2', u.token);
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ page: 1, per_page: 2, total: 3, total_pages: 2 });
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([r3.id, r2.id]);
    expect(page1.body.items[1].status).toBe('rejected');
    const page2 = await api('GET', '/me/reviews?per_page=2&page=2', u.token);
    expect(page2.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [r1.id, 'approved'],
    ]);

    expect((await api('DELETE', `/reviews/${r3.id}`, u.token)).status).toBe(204);
    expect((await api('GET', '/me/reviews', u.token)).body.total).toBe(2);
    expect((await api('GET', '/me/reviews')).status).toBe(401);
  });
});

describe('editing and deleting my review (REV-2)', () => {
  it('edits my review, sends it back to moderation and takes it out of the summary', async () => {
    const productId = await createProduct();
    const { user, review: r } = await approvedReview(productId, { rating: 5 });
    await approvedReview(productId, { rating: 3 });
    expect(await storedSummary(productId)).toMatchObject({ rating_avg: 4, rating_count: 2 });

    const res = await api('PATCH', `/reviews/${r.id}`, user.token, {
      rating: 1,
      comment: ' Changed my mind ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: r.id,
      rating: 1,
      comment: 'Changed my mind',
      title: 'Creamy and thick',
      status: 'pending',
    });
    expect(await storedSummary(productId)).toEqual({
      rating_avg: 3,
      rating_count: 1,
      rating_distribution: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 0 },
    });
    const list = await api('GET', `/products/${productId}/reviews`);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(r.id);

    await moderate(r.id, 'approve');
    expect(await storedSummary(productId)).toMatchObject({ rating_avg: 2, rating_count: 2 });
  });

  it("answers 404 for someone else's review and changes nothing", async () => {
    const productId = await createProduct();
    const { review: r } = await approvedReview(productId);
    const intruder = await signedIn(t);
    const patch = await api('PATCH', `/reviews/${r.id}`, intruder.token, { rating: 1 });
    expect(patch.status).toBe(404);
    const del = await api('DELETE', `/reviews/${r.id}`, intruder.token);
    expect(del.status).toBe(404);
    const { rows } = await t.database.pool.query(
      'select rating, status, deleted_at from reviews where id = $1',
      [r.id],
    );
    expect(rows[0]).toMatchObject({ rating: 4, status: 'approved', deleted_at: null });
    // Staff moderate; they do not edit someone's words either.
    expect((await api('PATCH', `/reviews/${r.id}`, staff.token, { rating: 1 })).status).toBe(404);
  });

  it.each([
    [{}, 'body'],
    [{ rating: 6 }, 'body.rating'],
    [{ rating: 4.5 }, 'body.rating'],
    [{ title: '' }, 'body.title'],
    [{ comment: 'x'.repeat(10_000) }, 'body.comment'],
    [{ status: 'approved' }, 'body'],
  ])('rejects the edit %j with 422, leaving the review as it was', async (patch, field) => {
    const productId = await createProduct();
    const { user, review: r } = await approvedReview(productId);
    const res = await api('PATCH', `/reviews/${r.id}`, user.token, patch);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const { rows } = await t.database.pool.query('select rating, title, status from reviews where id = $1', [
      r.id,
    ]);
    expect(rows[0]).toEqual({ rating: 4, title: 'Creamy and thick', status: 'approved' });
  });

  it('rejects non-UUID review ids with 422', async () => {
    const u = await signedIn(t);
    for (const [method, url, b] of [
      ['PATCH', '/reviews/123', { rating: 3 }],
      ['DELETE', '/reviews/123', undefined],
      ['PUT', '/reviews/123/vote', { helpful: true }],
      ['DELETE', '/reviews/123/vote', undefined],
    ] as const) {
      const res = await api(method, url, u.token, b);
      expect(res.status, `${method} ${url}`).toBe(422);
      expect(res.body.errors[0].field).toBe('params.id');
    }
    const mod = await api('POST', '/admin/reviews/123/moderate', staff.token, { action: 'approve' });
    expect(mod.status).toBe(422);
  });

  it('soft-deletes, updates the summary, and lets me review the product again', async () => {
    const productId = await createProduct();
    const { user, review: r } = await approvedReview(productId, { rating: 2 });
    expect(await storedSummary(productId)).toMatchObject({ rating_avg: 2, rating_count: 1 });

    expect((await api('DELETE', `/reviews/${r.id}`, user.token)).status).toBe(204);
    expect(await storedSummary(productId)).toEqual({
      rating_avg: 0,
      rating_count: 0,
      rating_distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    });
    const { rows } = await t.database.pool.query('select deleted_at from reviews where id = $1', [r.id]);
    expect(rows[0].deleted_at).toBeInstanceOf(Date);
    expect((await api('GET', `/products/${productId}/reviews`)).body.items).toEqual([]);
    expect((await api('DELETE', `/reviews/${r.id}`, user.token)).status).toBe(404);
    expect((await api('PATCH', `/reviews/${r.id}`, user.token, { rating: 3 })).status).toBe(404);

    const again = await review(user, productId, { rating: 5 });
    expect(again.id).not.toBe(r.id);
  });
});

describe('helpful votes (REV-3)', () => {
  it('takes one changeable vote per user and shows my vote when signed in', async () => {
    const productId = await createProduct();
    const { review: r } = await approvedReview(productId);
    const voter = await signedIn(t);

    const up = await api('PUT', `/reviews/${r.id}/vote`, voter.token, { helpful: true });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ id: r.id, helpful_count: 1, unhelpful_count: 0, my_vote: 'helpful' });
    const again = await api('PUT', `/reviews/${r.id}/vote`, voter.token, { helpful: true });
    expect(again.body).toMatchObject({ helpful_count: 1, unhelpful_count: 0 });
    const down = await api('PUT', `/reviews/${r.id}/vote`, voter.token, { helpful: false });
    expect(down.body).toMatchObject({ helpful_count: 0, unhelpful_count: 1, my_vote: 'unhelpful' });

    const mine = await api('GET', `/products/${productId}/reviews`, voter.token);
    expect(mine.body.items[0]).toMatchObject({ id: r.id, my_vote: 'unhelpful', unhelpful_count: 1 });
    const someoneElse = await api('GET', `/products/${productId}/reviews`, (await signedIn(t)).token);
    expect(someoneElse.body.items[0].my_vote).toBeNull();
    const anonymous = await api('GET', `/products/${productId}/reviews`);
    expect(anonymous.body.items[0]).not.toHaveProperty('my_vote');

    expect((await api('DELETE', `/reviews/${r.id}/vote`, voter.token)).status).toBe(204);
    expect((await api('DELETE', `/reviews/${r.id}/vote`, voter.token)).status).toBe(204);
    const after = await api('GET', `/products/${productId}/reviews`, voter.token);
    expect(after.body.items[0]).toMatchObject({ helpful_count: 0, unhelpful_count: 0, my_vote: null });
    expect(await voteRows(r.id)).toBe(0);
  });

  it('refuses a vote on my own review', async () => {
    const productId = await createProduct();
    const { user, review: r } = await approvedReview(productId);
    const res = await api('PUT', `/reviews/${r.id}/vote`, user.token, { helpful: true });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CANNOT_VOTE_OWN_REVIEW');
    expect(await voteRows(r.id)).toBe(0);
  });

  it('only takes votes on published reviews', async () => {
    const productId = await createProduct();
    const pending = await review(await signedIn(t), productId);
    const voter = await signedIn(t);
    expect((await api('PUT', `/reviews/${pending.id}/vote`, voter.token, { helpful: true })).status).toBe(
      404,
    );
    const rejected = await review(await signedIn(t), productId);
    await moderate(rejected.id, 'reject');
    expect((await api('PUT', `/reviews/${rejected.id}/vote`, voter.token, { helpful: true })).status).toBe(
      404,
    );
    expect((await api('PUT', `/reviews/${randomUUID()}/vote`, voter.token, { helpful: true })).status).toBe(
      404,
    );
    expect(await voteRows(pending.id)).toBe(0);
  });

  it.each([[{}], [{ helpful: 'yes' }], [{ helpful: 1 }], [{ helpful: true, extra: 1 }]])(
    'rejects the vote body %j with 422',
    async (b) => {
      const productId = await createProduct();
      const { review: r } = await approvedReview(productId);
      const res = await api('PUT', `/reviews/${r.id}/vote`, (await signedIn(t)).token, b);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toMatch(/^body/);
      expect(await voteRows(r.id)).toBe(0);
    },
  );

  it('keeps the counters equal to the vote rows under concurrent votes and changes', async () => {
    const productId = await createProduct();
    const { review: r } = await approvedReview(productId);
    const voters = await Promise.all(Array.from({ length: 12 }, () => signedIn(t)));
    // Every voter votes, changes their mind, and some vote the same twice, all at once.
    await Promise.all(
      voters.flatMap((v, i) => [
        api('PUT', `/reviews/${r.id}/vote`, v.token, { helpful: i % 2 === 0 }),
        api('PUT', `/reviews/${r.id}/vote`, v.token, { helpful: i % 3 === 0 }),
        api('PUT', `/reviews/${r.id}/vote`, v.token, { helpful: i % 3 === 0 }),
        ...(i % 4 === 0 ? [api('DELETE', `/reviews/${r.id}/vote`, v.token)] : []),
      ]),
    );
    const { rows } = await t.database.pool.query(
      `select r.helpful_count, r.unhelpful_count,
              (select count(*) filter (where helpful)::int from review_votes where review_id = r.id) as up,
              (select count(*) filter (where not helpful)::int from review_votes where review_id = r.id) as down
       from reviews r where r.id = $1`,
      [r.id],
    );
    const c = rows[0];
    expect(c.helpful_count).toBe(c.up);
    expect(c.unhelpful_count).toBe(c.down);
    expect(c.up + c.down).toBeGreaterThan(0);
  });
});

const voteRows = async (reviewId: string) =>
  (
    await t.database.pool.query('select count(*)::int as n from review_votes where review_id = $1', [
      reviewId,
    ])
  ).rows[0].n as number;

describe('product reviews listing (REV-4)', () => {
  let productId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    productId = await createProduct();
    // Ratings 5, 3, 4, 1 created in this order; plus one pending and one hidden that never show.
    for (const [key, rating] of [
      ['a', 5],
      ['b', 3],
      ['c', 4],
      ['d', 1],
    ] as const) {
      ids[key] = (await approvedReview(productId, { rating, title: `Review ${key}` })).review.id;
    }
    await review(await signedIn(t), productId, { rating: 2 });
    const hidden = await approvedReview(productId, { rating: 2 });
    await moderate(hidden.review.id, 'hide');
    // b is the most helpful, then d.
    for (const [key, helpful] of [
      ['b', true],
      ['b', true],
      ['d', true],
      ['d', false],
      ['a', false],
    ] as const) {
      const v = await signedIn(t);
      expect((await api('PUT', `/reviews/${ids[key]}/vote`, v.token, { helpful })).status).toBe(200);
    }
  });

  const order = async (query: string) => {
    const res = await api('GET', `/products/${productId}/reviews${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { title: string }) => i.title.replace('Review ', ''));
  };

  it('sorts by newest, rating either way and helpfulness', async () => {
    expect(await order('')).toEqual(['d', 'c', 'b', 'a']);
    expect(await order('?sort=newest')).toEqual(['d', 'c', 'b', 'a']);
    expect(await order('?sort=rating_desc')).toEqual(['a', 'c', 'b', 'd']);
    expect(await order('?sort=rating_asc')).toEqual(['d', 'b', 'c', 'a']);
    expect(await order('?sort=most_helpful')).toEqual(['b', 'd', 'c', 'a']);
  });

  it('carries the summary of approved reviews only, and pages', async () => {
    const res = await api('GET', `/products/${productId}/reviews?per_page=3&page=2&sort=rating_desc`);
    expect(res.body).toMatchObject({ page: 2, per_page: 3, total: 4, total_pages: 2 });
    expect(res.body.items.map((i: { rating: number }) => i.rating)).toEqual([1]);
    expect(res.body.summary).toEqual({
      average: 3.25,
      count: 4,
      distribution: { '1': 1, '2': 0, '3': 1, '4': 1, '5': 1 },
    });
    expect(await storedSummary(productId)).toEqual({
      rating_avg: 3.25,
      rating_count: 4,
      rating_distribution: { '1': 1, '2': 0, '3': 1, '4': 1, '5': 1 },
    });
    const item = res.body.items[0];
    expect(item).toMatchObject({ author_name: 'Test U.', verified_purchase: false });
    expect(item).not.toHaveProperty('user_id');
    expect(item).not.toHaveProperty('status');
    expect(item).not.toHaveProperty('moderation_note');
  });

  it('caps per_page and rejects bad sorts and pages', async () => {
    const capped = await api('GET', `/products/${productId}/reviews?per_page=100000`);
    expect(capped.status).toBe(200);
    expect(capped.body.per_page).toBe(100);
    for (const q of ['sort=best', 'page=0', 'per_page=-1', 'page=abc']) {
      const res = await api('GET', `/products/${productId}/reviews?${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.errors[0].field).toMatch(/^querystring\./);
    }
  });

  it('shows reviews of active products only', async () => {
    expect((await api('GET', `/products/${randomUUID()}/reviews`)).status).toBe(404);
    expect((await api('GET', '/products/nope/reviews')).status).toBe(422);
    const draft = await createProduct('draft');
    expect((await api('GET', `/products/${draft}/reviews`)).status).toBe(404);
  });

  it('names an author who is no longer active "Customer"', async () => {
    const p = await createProduct();
    const { user } = await approvedReview(p);
    await t.database.pool.query("update users set status = 'suspended' where id = $1", [user.id]);
    const res = await api('GET', `/products/${p}/reviews`);
    expect(res.body.items[0].author_name).toBe('Customer');
  });
});

describe('moderation (REV-5)', () => {
  it('is for staff only', async () => {
    const customer = await signedIn(t);
    expect((await api('GET', '/admin/reviews')).status).toBe(401);
    expect((await api('GET', '/admin/reviews', customer.token)).status).toBe(403);
    expect((await api('GET', '/admin/reviews/statistics', customer.token)).status).toBe(403);
    const productId = await createProduct();
    const r = await review(await signedIn(t), productId);
    const res = await api('POST', `/admin/reviews/${r.id}/moderate`, customer.token, { action: 'approve' });
    expect(res.status).toBe(403);
    const admin = await signedIn(t, 'admin');
    expect((await api('GET', '/admin/reviews', admin.token)).status).toBe(200);
  });

  it('queues pending reviews oldest first and filters by status and product', async () => {
    const productId = await createProduct();
    const r1 = await review(await signedIn(t), productId);
    const r2 = await review(await signedIn(t), productId);
    const r3 = await review(await signedIn(t), productId);
    await moderate(r2.id, 'approve');

    const queue = await api('GET', `/admin/reviews?status=pending&product_id=${productId}`, staff.token);
    expect(queue.status).toBe(200);
    expect(queue.body.total).toBe(2);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([r1.id, r3.id]);
    expect(queue.body.items[0]).toMatchObject({
      status: 'pending',
      user_id: expect.any(String),
      product: { id: productId },
      moderation_note: null,
      moderated_by: null,
    });

    const approved = await api('GET', `/admin/reviews?status=approved&product_id=${productId}`, staff.token);
    expect(approved.body.items.map((i: { id: string }) => i.id)).toEqual([r2.id]);
    const all = await api('GET', `/admin/reviews?product_id=${productId}`, staff.token);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([r1.id, r3.id, r2.id]);

    const oldestFirst = await api('GET', '/admin/reviews?status=pending&per_page=100', staff.token);
    const created = oldestFirst.body.items.map((i: { created_at: string }) => i.created_at);
    expect(created).toEqual([...created].sort());

    for (const q of ['status=deleted', 'product_id=xyz', 'per_page=0']) {
      expect((await api('GET', `/admin/reviews?${q}`, staff.token)).status, q).toBe(422);
    }
  });

  it('approves with a note, updates the summary and emails the reviewer', async () => {
    const productId = await createProduct();
    const author = await signedIn(t);
    const r = await review(author, productId, { rating: 5 });
    const res = await api('POST', `/admin/reviews/${r.id}/moderate`, staff.token, {
      action: 'approve',
      note: '  Looks genuine  ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      moderation_note: 'Looks genuine',
      moderated_by: staff.id,
      moderated_at: expect.any(String),
    });
    expect(await storedSummary(productId)).toMatchObject({ rating_avg: 5, rating_count: 1 });

    await t.drain();
    const mail = await lastMail(t, author.email, 'reviews.approved');
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe('Your review is live');
    expect(mail!.text).toContain('Creamy and thick');
    expect(mail!.text).toMatch(/Greek Yoghurt \d+/);
    expect(mail!.text).not.toContain('Looks genuine');
    expect(mail!.sentAt).toBeInstanceOf(Date);

    // The same decision again records the note but does not email twice.
    await moderate(r.id, 'approve', 'second look');
    const { rows } = await t.database.pool.query(
      'select count(*)::int as n from mail_outbox where "to" = $1 and template = \'reviews.approved\'',
      [author.email],
    );
    expect(rows[0].n).toBe(1);
  });

  it('rejects and hides, taking hidden reviews out of the summary, and tells the reviewer', async () => {
    const productId = await createProduct();
    const a = await signedIn(t);
    const b = await signedIn(t);
    const ra = await review(a, productId, { rating: 1 });
    const rb = await review(b, productId, { rating: 4 });
    await moderate(ra.id, 'approve');
    await moderate(rb.id, 'approve');
    expect(await storedSummary(productId)).toMatchObject({ rating_avg: 2.5, rating_count: 2 });

    const hidden = await moderate(ra.id, 'hide', 'Abusive language');
    expect(hidden).toMatchObject({ status: 'hidden', moderation_note: 'Abusive language' });
    expect(await storedSummary(productId)).toEqual({
      rating_avg: 4,
      rating_count: 1,
      rating_distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 },
    });
    await moderate(rb.id, 'reject');
    expect(await storedSummary(productId)).toMatchObject({ rating_avg: 0, rating_count: 0 });

    await t.drain();
    expect((await lastMail(t, a.email, 'reviews.hidden'))?.subject).toBe('Your review has been hidden');
    expect((await lastMail(t, b.email, 'reviews.rejected'))?.subject).toBe('Your review was not published');
    expect((await api('GET', `/products/${productId}/reviews`)).body.items).toEqual([]);
  });

  it('keeps the summary exact when many reviews of one product are approved at once', async () => {
    const productId = await createProduct();
    const users = await Promise.all(Array.from({ length: 10 }, () => signedIn(t)));
    const created = await Promise.all(users.map((u, i) => review(u, productId, { rating: (i % 5) + 1 })));
    const results = await Promise.all(
      created.map((r) => api('POST', `/admin/reviews/${r.id}/moderate`, staff.token, { action: 'approve' })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await storedSummary(productId)).toEqual({
      rating_avg: 3,
      rating_count: 10,
      rating_distribution: { '1': 2, '2': 2, '3': 2, '4': 2, '5': 2 },
    });
  });

  it.each([
    [{ action: 'delete' }, 'body.action'],
    [{}, 'body.action'],
    [{ action: 'approve', note: 'n'.repeat(1001) }, 'body.note'],
    [{ action: 'approve', status: 'approved' }, 'body'],
  ])('rejects the moderation %j with 422, changing nothing', async (b, field) => {
    const productId = await createProduct();
    const r = await review(await signedIn(t), productId);
    const res = await api('POST', `/admin/reviews/${r.id}/moderate`, staff.token, b);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await reviewCount("id = $1 and status = 'pending' and moderated_at is null", [r.id])).toBe(1);
  });

  it('answers 404 for unknown and deleted reviews', async () => {
    const missing = await api('POST', `/admin/reviews/${randomUUID()}/moderate`, staff.token, {
      action: 'approve',
    });
    expect(missing.status).toBe(404);
    const productId = await createProduct();
    const u = await signedIn(t);
    const r = await review(u, productId);
    await api('DELETE', `/reviews/${r.id}`, u.token);
    const res = await api('POST', `/admin/reviews/${r.id}/moderate`, staff.token, { action: 'approve' });
    expect(res.status).toBe(404);
    expect(await storedSummary(productId)).toMatchObject({ rating_count: 0 });
  });

  it('reports statistics: counts by status, average, recent volume, top products', async () => {
    const before = (await api('GET', '/admin/reviews/statistics', staff.token)).body;
    const productId = await createProduct();
    const created = [];
    for (const rating of [5, 5, 4, 4, 3, 5, 5, 4, 5, 4, 5, 5, 4]) {
      created.push(await review(await signedIn(t), productId, { rating }));
    }
    for (const r of created.slice(0, 12)) await moderate(r.id, 'approve');
    await moderate(created[0]!.id, 'reject');
    // One review is old: it counts in the last 30 days but not the last 7.
    await t.database.pool.query("update reviews set created_at = now() - interval '10 days' where id = $1", [
      created[1]!.id,
    ]);

    const res = await api('GET', '/admin/reviews/statistics', staff.token);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.counts.approved - before.counts.approved).toBe(11);
    expect(s.counts.rejected - before.counts.rejected).toBe(1);
    expect(s.counts.pending - before.counts.pending).toBe(1);
    expect(s.counts.total - before.counts.total).toBe(13);
    expect(s.last_30_days - before.last_30_days).toBe(13);
    expect(s.last_7_days - before.last_7_days).toBe(12);
    expect(s.average_rating).toBeGreaterThanOrEqual(1);
    expect(s.average_rating).toBeLessThanOrEqual(5);
    const { rows } = await t.database.pool.query(
      "select round(avg(rating)::numeric, 2)::float8 as avg from reviews where status = 'approved' and deleted_at is null",
    );
    expect(s.average_rating).toBe(rows[0].avg);
    // Eleven approved reviews: more than any other product in this file.
    expect(s.top_products[0]).toEqual({ product_id: productId, approved_reviews: 11, average_rating: 4.45 });
  });
});

describe('OpenAPI', () => {
  it('documents the reviews routes with their security and tags', async () => {
    const res = await call(app, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    const list = paths['/api/v1/products/{productId}/reviews'];
    expect(list.get.tags).toEqual(['reviews']);
    expect(list.get.security).toBeUndefined();
    expect(list.post.security).toEqual([{ bearerAuth: [] }]);
    expect(paths['/api/v1/admin/reviews/{id}/moderate'].post.tags).toEqual(['admin: reviews']);
    for (const p of ['/api/v1/me/reviews', '/api/v1/reviews/{id}', '/api/v1/reviews/{id}/vote']) {
      expect(paths[p], p).toBeDefined();
    }
    expect(paths['/api/v1/admin/reviews/statistics'].get.responses['200']).toBeDefined();
  });
});
