import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../platform/storage.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';
import { createImageService, sniffImageType } from './images.js';

/** Small, so the oversize case needs no big buffer; every other test image stays well below it. */
const MAX_BYTES = 256 * 1024;

let t: TestApp;
let staff: { token: string };
let customer: { token: string };
let categoryId: string;

beforeAll(async () => {
  t = await createTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  staff = await signedIn(t, 'staff');
  customer = await signedIn(t, 'customer');
  categoryId = randomUUID();
  await t.database.pool.query(
    'insert into categories (id, name, slug, path) values ($1, $2, $3, $4::uuid[])',
    [categoryId, 'Images', `images-${categoryId.slice(0, 8)}`, [categoryId]],
  );
});
afterAll(async () => t?.close());

// ---- fixtures ------------------------------------------------------------------------------

let productSeq = 0;
async function makeProduct(status: 'draft' | 'active' | 'archived' = 'active') {
  const n = productSeq++;
  const { rows } = await t.database.pool.query<{ id: string }>(
    `insert into products (name, slug, category_id, price_cents, status)
     values ($1, $2, $3, 499, $4) returning id`,
    [`Product ${n}`, `product-${n}-${randomBytes(3).toString('hex')}`, categoryId, status],
  );
  return rows[0]!.id;
}

const solid = (width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif') =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .toFormat(format)
    .toBuffer();

/** A 1000×600 landscape JPEG whose EXIF says "rotate 90° clockwise": displayed as 600×1000. */
const rotatedJpeg = () =>
  sharp({ create: { width: 1000, height: 600, channels: 3, background: '#3a7' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** A real PNG header (signature, IHDR) followed by garbage where the pixel data should be. */
async function corruptPng() {
  const png = await solid(300, 200, 'png');
  const idat = png.indexOf(Buffer.from('IDAT'));
  return Buffer.concat([png.subarray(0, idat + 4), randomBytes(4000)]);
}

type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(parts: Part[]) {
  const boundary = `----cartwheel${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postForm(productId: string, parts: Part[], token: string | undefined = staff.token) {
  const { payload, contentType } = multipart(parts);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/products/${productId}/images`,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const upload = (
  productId: string,
  file: Buffer,
  opts: { filename?: string; type?: string; alt?: string; token?: string } = {},
) =>
  postForm(
    productId,
    [
      { name: 'file', value: file, filename: opts.filename ?? 'photo.png', type: opts.type ?? 'image/png' },
      ...(opts.alt !== undefined ? [{ name: 'alt', value: opts.alt }] : []),
    ],
    opts.token,
  );

async function uploadOk(productId: string, file?: Buffer, alt?: string) {
  const res = await upload(productId, file ?? (await solid(64, 48, 'png')), { alt });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; is_main: boolean; position: number; status: string };
}

const api = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  body?: unknown,
) => call(t.app, method, `/api/v1${url}`, { token, body });

/** As staff by default; `null` for an anonymous shopper. */
const gallery = async (productId: string, token: string | null = staff.token) =>
  (await api('GET', `/products/${productId}/images`, token ?? undefined)).body as Array<{
    id: string;
    is_main: boolean;
    position: number;
    status: string;
    error: string | null;
    alt: string | null;
    renditions: Record<'thumb' | 'card' | 'full', { url: string; width: number; height: number }> | null;
  }>;

async function mainImageOf(productId: string) {
  const { rows } = await t.database.pool.query('select main_image from products where id = $1', [productId]);
  return rows[0]?.main_image ?? null;
}

/** Every stored file under the product's folder (relative to the storage root). */
async function storedFiles(productId: string) {
  const dir = path.join(t.config.dataDir, 'files', 'products', productId);
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(path.join(t.config.dataDir, 'files'), path.join(e.parentPath, e.name)))
    .sort();
}

async function imageRows(productId: string) {
  const { rows } = await t.database.pool.query('select * from product_images where product_id = $1', [
    productId,
  ]);
  return rows;
}

async function jobsFor(imageId: string) {
  const { rows } = await t.database.pool.query(
    `select status, attempts, error from jobs where type = 'catalog__process_image' and entity_id = $1`,
    [imageId],
  );
  return rows;
}

const makeDue = () => t.database.pool.query('update graphile_worker._private_jobs set run_at = now()');

async function fetchFile(url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, headers: res.headers, data: res.rawPayload };
}

// ---- upload and processing -----------------------------------------------------------------

describe('upload and processing (CAT-4, JOB-3)', () => {
  it('stores the original, answers processing, then the job makes WebP renditions and sets the main image', async () => {
    const productId = await makeProduct();
    const png = await solid(2000, 1500, 'png');
    const res = await upload(productId, png, { alt: '  Fresh tomatoes ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      product_id: productId,
      status: 'processing',
      is_main: true,
      position: 0,
      alt: 'Fresh tomatoes',
      content_type: 'image/png',
      width: 2000,
      height: 1500,
      bytes: png.length,
      renditions: null,
    });
    const id = res.body.id as string;
    expect(await storedFiles(productId)).toEqual([`products/${productId}/${id}/original.png`]);
    // Enqueued with the row, in the same transaction.
    expect(await jobsFor(id)).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(await mainImageOf(productId)).toBeNull();

    await t.drain();

    expect(await jobsFor(id)).toEqual([expect.objectContaining({ status: 'completed' })]);
    const [img] = await gallery(productId);
    expect(img).toMatchObject({ id, status: 'ready', is_main: true, error: null });
    expect(img!.renditions).toEqual({
      thumb: { url: `/uploads/products/${productId}/${id}/thumb.webp`, width: 160, height: 120 },
      card: { url: `/uploads/products/${productId}/${id}/card.webp`, width: 480, height: 360 },
      full: { url: `/uploads/products/${productId}/${id}/full.webp`, width: 1200, height: 900 },
    });
    for (const r of Object.values(img!.renditions!)) {
      const file = await fetchFile(r.url);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('image/webp');
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(file.data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', r.width, r.height]);
    }
    expect(await mainImageOf(productId)).toEqual(img!.renditions);
  });

  it('auto-rotates by EXIF orientation and strips metadata from the renditions', async () => {
    const productId = await makeProduct();
    const res = await upload(productId, await rotatedJpeg(), {
      filename: 'IMG_0001.JPG',
      type: 'image/jpeg',
    });
    expect(res.status).toBe(201);
    // Reported as displayed: portrait.
    expect(res.body).toMatchObject({ content_type: 'image/jpeg', width: 600, height: 1000 });
    expect(await storedFiles(productId)).toContain(`products/${productId}/${res.body.id}/original.jpg`);
    await t.drain();
    const [img] = await gallery(productId);
    expect(img!.renditions).toMatchObject({
      thumb: { width: 96, height: 160 },
      card: { width: 288, height: 480 },
      // Never enlarged: 600×1000 fits inside 1200 px as it is.
      full: { width: 600, height: 1000 },
    });
    const meta = await sharp((await fetchFile(img!.renditions!.card.url)).data).metadata();
    expect([meta.width, meta.height]).toEqual([288, 480]);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('never enlarges a tiny GIF', async () => {
    const productId = await makeProduct();
    const res = await upload(productId, await solid(4, 4, 'gif'), { filename: 'dot.gif', type: 'image/gif' });
    expect(res.status).toBe(201);
    expect(res.body.content_type).toBe('image/gif');
    await t.drain();
    const [img] = await gallery(productId);
    for (const r of Object.values(img!.renditions!)) expect([r.width, r.height]).toEqual([4, 4]);
  });

  it.each([
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
    ['jpeg', 'image/jpeg'],
  ] as const)(
    'sniffs %s from the bytes, whatever the filename and content type say',
    async (format, type) => {
      const productId = await makeProduct();
      const res = await upload(productId, await solid(120, 90, format), {
        filename: 'misleading.txt',
        type: 'text/plain',
      });
      expect(res.status).toBe(201);
      expect(res.body.content_type).toBe(type);
      await t.drain();
      expect((await gallery(productId))[0]).toMatchObject({ status: 'ready' });
    },
  );

  it('is idempotent: processing a ready image again changes nothing; a deleted image is skipped', async () => {
    const productId = await makeProduct();
    const { id } = await uploadOk(productId);
    await t.drain();
    const before = await imageRows(productId);
    const images = createImageService({
      db: t.database.db,
      storage: createLocalStorage(path.join(t.config.dataDir, 'files')),
      maxBytes: MAX_BYTES,
    });
    expect(await images.process(id, { finalAttempt: true })).toMatchObject({ skipped: 'already ready' });
    expect(await imageRows(productId)).toEqual(before);

    // Deleted before its job ran: the job completes without leaving files behind.
    const second = await uploadOk(productId);
    expect(
      (await api('DELETE', `/admin/products/${productId}/images/${second.id}`, staff.token)).status,
    ).toBe(204);
    await t.drain();
    expect(await jobsFor(second.id)).toEqual([expect.objectContaining({ status: 'completed' })]);
    expect((await storedFiles(productId)).filter((f) => f.includes(second.id))).toEqual([]);
  });

  it('a corrupt image is retried, then ends failed with the error (maxAttempts 3)', async () => {
    const productId = await makeProduct();
    const res = await upload(productId, await corruptPng());
    // The header is valid, so the upload is accepted; decoding the pixels fails in the job.
    expect(res.status).toBe(201);
    const id = res.body.id as string;

    await t.drain();
    expect(await jobsFor(id)).toEqual([expect.objectContaining({ status: 'retrying', attempts: 1 })]);
    expect((await gallery(productId))[0]).toMatchObject({ status: 'processing', error: null });

    await makeDue();
    await t.drain();
    await makeDue();
    await t.drain();
    const [job] = await jobsFor(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(job.error).toMatch(/png|corrupt|read/i);

    const [img] = await gallery(productId);
    expect(img).toMatchObject({ status: 'failed', renditions: null });
    expect(img!.error).toMatch(/png|corrupt|read/i);
    expect(await mainImageOf(productId)).toBeNull();
    // Not shown to shoppers, and not usable as the main image.
    expect(await gallery(productId, null)).toEqual([]);
    const main = await api('POST', `/admin/products/${productId}/images/${id}/main`, staff.token);
    expect(main.status).toBe(409);
    expect(main.body.code).toBe('IMAGE_FAILED');
    // Nothing more is queued.
    await makeDue();
    await t.drain();
    expect((await jobsFor(id))[0]).toMatchObject({ attempts: 3 });
  });
});

// ---- rejected uploads ----------------------------------------------------------------------

describe('rejected uploads', () => {
  it.each([
    ['a text file renamed .png', Buffer.from('just some text, honestly not an image\n'.repeat(20))],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    [
      'JPEG magic bytes followed by garbage',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(500)]),
    ],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n')],
  ])('%s → 415 UNSUPPORTED_IMAGE, nothing stored', async (_what, data) => {
    const productId = await makeProduct();
    const res = await upload(productId, data, { filename: 'photo.png', type: 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_IMAGE');
    expect(await storedFiles(productId)).toEqual([]);
    expect(await imageRows(productId)).toEqual([]);
  });

  it('a file over UPLOAD_MAX_BYTES → 413 FILE_TOO_LARGE, nothing stored', async () => {
    const productId = await makeProduct();
    const noise = await sharp(randomBytes(400 * 400 * 3), { raw: { width: 400, height: 400, channels: 3 } })
      .png()
      .toBuffer();
    expect(noise.length).toBeGreaterThan(MAX_BYTES);
    const res = await upload(productId, noise);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'FILE_TOO_LARGE', errors: [{ field: 'body.file' }] });
    expect(await storedFiles(productId)).toEqual([]);
    expect(await imageRows(productId)).toEqual([]);
    // The limit is exact: one byte under it is fine for the limit check (then sniffed as usual).
    expect((await upload(productId, Buffer.alloc(MAX_BYTES, 0x61))).status).toBe(415);
  });

  it('needs staff: anonymous 401, customer 403', async () => {
    const productId = await makeProduct();
    const png = await solid(10, 10, 'png');
    expect((await upload(productId, png, { token: '' })).status).toBe(401);
    const res = await upload(productId, png, { token: customer.token });
    expect(res.status).toBe(403);
    expect(await imageRows(productId)).toEqual([]);
  });

  it('unknown product → 404, nothing stored', async () => {
    const productId = randomUUID();
    const res = await upload(productId, await solid(10, 10, 'png'));
    expect(res.status).toBe(404);
    expect(await storedFiles(productId)).toEqual([]);
  });

  it('form problems → 4xx naming the field', async () => {
    const productId = await makeProduct();
    const png = await solid(10, 10, 'png');
    const noFile = await postForm(productId, [{ name: 'alt', value: 'no file here' }]);
    expect(noFile.status).toBe(422);
    expect(noFile.body.errors[0].field).toBe('body.file');

    const longAlt = await upload(productId, png, { alt: 'x'.repeat(201) });
    expect(longAlt.status).toBe(422);
    expect(longAlt.body.errors[0].field).toBe('body.alt');

    const wrongField = await postForm(productId, [{ name: 'image', value: png, filename: 'a.png' }]);
    expect(wrongField.status).toBe(422);

    const twoFiles = await postForm(productId, [
      { name: 'file', value: png, filename: 'a.png' },
      { name: 'file', value: png, filename: 'b.png' },
    ]);
    expect(twoFiles.status).toBe(422);

    const json = await api('POST', `/admin/products/${productId}/images`, staff.token, { file: 'abc' });
    expect(json.status).toBe(415);

    const badId = await upload('not-a-uuid', png);
    expect(badId.status).toBe(422);
    expect(await imageRows(productId)).toEqual([]);
    expect(await storedFiles(productId)).toEqual([]);
  });
});

// ---- gallery management --------------------------------------------------------------------

describe('gallery management', () => {
  it('orders, moves the main flag, edits alt text and promotes the next image when the main one is deleted', async () => {
    const productId = await makeProduct();
    const a = await uploadOk(productId, await solid(300, 200, 'png'), 'A');
    const b = await uploadOk(productId, await solid(200, 300, 'png'), 'B');
    const c = await uploadOk(productId, await solid(100, 100, 'png'), 'C');
    expect([a, b, c].map((i) => [i.position, i.is_main])).toEqual([
      [0, true],
      [1, false],
      [2, false],
    ]);
    await t.drain();
    const ready = Object.fromEntries((await gallery(productId)).map((i) => [i.id, i]));
    expect(await mainImageOf(productId)).toEqual(ready[a.id]!.renditions);

    // Reorder: exactly the product's images.
    const order = await api('PUT', `/admin/products/${productId}/images/order`, staff.token, {
      image_ids: [c.id, a.id, b.id],
    });
    expect(order.status).toBe(200);
    expect(order.body.map((i: { id: string }) => i.id)).toEqual([c.id, a.id, b.id]);
    expect((await gallery(productId, null)).map((i) => [i.id, i.position])).toEqual([
      [c.id, 0],
      [a.id, 1],
      [b.id, 2],
    ]);
    const other = await uploadOk(await makeProduct());
    for (const image_ids of [
      [c.id, a.id],
      [c.id, a.id, b.id, b.id],
      [c.id, a.id, other.id],
      [c.id, a.id, b.id, other.id],
      [],
    ]) {
      const res = await api('PUT', `/admin/products/${productId}/images/order`, staff.token, { image_ids });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('body.image_ids');
    }
    expect((await gallery(productId)).map((i) => i.id)).toEqual([c.id, a.id, b.id]);

    // Set main: one main image, and the product row follows.
    const main = await api('POST', `/admin/products/${productId}/images/${b.id}/main`, staff.token);
    expect(main.status).toBe(200);
    expect(main.body.filter((i: { is_main: boolean }) => i.is_main).map((i: { id: string }) => i.id)).toEqual(
      [b.id],
    );
    expect(await mainImageOf(productId)).toEqual(ready[b.id]!.renditions);
    expect((await api('POST', `/admin/products/${productId}/images/${b.id}/main`, staff.token)).status).toBe(
      200,
    );

    // Alt text.
    const patched = await api('PATCH', `/admin/products/${productId}/images/${c.id}`, staff.token, {
      alt: 'Close-up',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: c.id, alt: 'Close-up' });
    expect(
      (
        await api('PATCH', `/admin/products/${productId}/images/${c.id}`, staff.token, {
          alt: 'x'.repeat(201),
        })
      ).status,
    ).toBe(422);
    expect(
      (await api('PATCH', `/admin/products/${productId}/images/${c.id}`, staff.token, { alt: null })).body
        .alt,
    ).toBeNull();

    // Delete the main image: its files go, the first remaining image by position becomes main.
    const bFiles = (await storedFiles(productId)).filter((f) => f.includes(b.id));
    expect(bFiles).toHaveLength(4);
    expect((await api('DELETE', `/admin/products/${productId}/images/${b.id}`, staff.token)).status).toBe(
      204,
    );
    expect((await storedFiles(productId)).filter((f) => f.includes(b.id))).toEqual([]);
    expect((await fetchFile(ready[b.id]!.renditions!.card.url)).status).toBe(404);
    const after = await gallery(productId);
    expect(after.map((i) => [i.id, i.position, i.is_main])).toEqual([
      [c.id, 0, true],
      [a.id, 1, false],
    ]);
    expect(await mainImageOf(productId)).toEqual(ready[c.id]!.renditions);

    // Deleting a non-main image leaves the main alone; the last one leaves no main image.
    expect((await api('DELETE', `/admin/products/${productId}/images/${a.id}`, staff.token)).status).toBe(
      204,
    );
    expect(await mainImageOf(productId)).toEqual(ready[c.id]!.renditions);
    expect((await api('DELETE', `/admin/products/${productId}/images/${c.id}`, staff.token)).status).toBe(
      204,
    );
    expect(await mainImageOf(productId)).toBeNull();
    expect(await storedFiles(productId)).toEqual([]);
    // A new upload to the now empty gallery is main again.
    expect((await uploadOk(productId)).is_main).toBe(true);
  });

  it('404 for an image of another product or an unknown one; staff only', async () => {
    const p1 = await makeProduct();
    const p2 = await makeProduct();
    const img = await uploadOk(p1);
    expect((await api('POST', `/admin/products/${p2}/images/${img.id}/main`, staff.token)).status).toBe(404);
    expect((await api('DELETE', `/admin/products/${p2}/images/${img.id}`, staff.token)).status).toBe(404);
    expect(
      (await api('PATCH', `/admin/products/${p2}/images/${img.id}`, staff.token, { alt: 'nope' })).status,
    ).toBe(404);
    expect((await api('DELETE', `/admin/products/${p1}/images/${randomUUID()}`, staff.token)).status).toBe(
      404,
    );
    expect((await api('DELETE', `/admin/products/${p1}/images/${img.id}`, customer.token)).status).toBe(403);
    expect(
      (await api('PUT', `/admin/products/${p1}/images/order`, customer.token, { image_ids: [img.id] }))
        .status,
    ).toBe(403);
    expect((await api('POST', `/admin/products/${p1}/images/${img.id}/main`, customer.token)).status).toBe(
      403,
    );
    expect(await imageRows(p1)).toHaveLength(1);
  });

  it('public gallery: ready images of active products only; staff see everything', async () => {
    const active = await makeProduct('active');
    await uploadOk(active);
    await uploadOk(active);
    await t.drain();
    const pending = await uploadOk(active);

    const publicView = await api('GET', `/products/${active}/images`);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toHaveLength(2);
    expect(publicView.body.every((i: { status: string }) => i.status === 'ready')).toBe(true);
    expect((await gallery(active, customer.token)).map((i) => i.id)).not.toContain(pending.id);
    const staffView = await gallery(active);
    expect(staffView.map((i) => i.status)).toEqual(['ready', 'ready', 'processing']);

    const draft = await makeProduct('draft');
    await uploadOk(draft);
    expect((await api('GET', `/products/${draft}/images`)).status).toBe(404);
    expect((await api('GET', `/products/${draft}/images`, customer.token)).status).toBe(404);
    expect((await api('GET', `/products/${draft}/images`, staff.token)).status).toBe(200);
    expect((await api('GET', `/products/${randomUUID()}/images`)).status).toBe(404);
    await t.drain();
  });

  it('listForProducts: ordered ready images per product, [] for products without', async () => {
    const p1 = await makeProduct();
    const p2 = await makeProduct();
    const first = await uploadOk(p1);
    const second = await uploadOk(p1);
    await t.drain();
    const unready = await uploadOk(p1);
    await api('PUT', `/admin/products/${p1}/images/order`, staff.token, {
      image_ids: [second.id, unready.id, first.id],
    });
    const images = createImageService({
      db: t.database.db,
      storage: createLocalStorage(path.join(t.config.dataDir, 'files')),
      maxBytes: MAX_BYTES,
    });
    const map = await images.listForProducts([p1, p2]);
    expect(map.get(p1)!.map((i) => i.id)).toEqual([second.id, first.id]);
    expect(map.get(p2)).toEqual([]);
    const all = await images.listForProducts([p1], { includeUnready: true });
    expect(all.get(p1)!.map((i) => i.id)).toEqual([second.id, unready.id, first.id]);
    expect((await images.listForProducts([])).size).toBe(0);
    await t.drain();
  });
});

// ---- serving files -------------------------------------------------------------------------

describe('GET /uploads/*', () => {
  it('serves renditions only: 404 for originals, other prefixes, missing files and path traversal', async () => {
    const productId = await makeProduct();
    const { id } = await uploadOk(productId);
    await t.drain();
    const root = path.join(t.config.dataDir, 'files');
    // A private file inside the storage root (data exports live there) and one outside it.
    await fs.mkdir(path.join(root, 'exports', 'someone'), { recursive: true });
    await fs.writeFile(path.join(root, 'exports', 'someone', 'data.json'), '{"secret":true}');
    await fs.writeFile(path.join(t.config.dataDir, 'secret.txt'), 'outside');

    expect((await fetchFile(`/uploads/products/${productId}/${id}/thumb.webp`)).status).toBe(200);
    const head = await t.app.inject({
      method: 'HEAD',
      url: `/uploads/products/${productId}/${id}/full.webp`,
    });
    expect(head.statusCode).toBe(200);
    for (const url of [
      `/uploads/products/${productId}/${id}/original.png`,
      `/uploads/products/${productId}/${randomUUID()}/thumb.webp`,
      `/uploads/products/${productId}/${id}`,
      '/uploads/exports/someone/data.json',
      '/uploads/..%2Fsecret.txt',
      '/uploads/..%2F..%2Fsecret.txt',
      `/uploads/products/${productId}/${id}/..%2F..%2F..%2Fexports%2Fsomeone%2Fdata.json`,
      `/uploads/products/..%2F..%2Fexports/someone/data.json`,
      '/uploads/../secret.txt',
      '/uploads/%2e%2e/secret.txt',
      '/uploads/',
    ]) {
      const res = await fetchFile(url);
      expect(res.status, url).toBe(404);
      expect(res.data.toString()).not.toContain('"secret":true');
      expect(res.data.toString()).not.toContain('outside');
    }
  });
});

describe('sniffImageType', () => {
  it('recognises the magic numbers and nothing else', async () => {
    expect(sniffImageType(await solid(2, 2, 'png'))?.ext).toBe('png');
    expect(sniffImageType(await solid(2, 2, 'jpeg'))?.ext).toBe('jpg');
    expect(sniffImageType(await solid(2, 2, 'gif'))?.ext).toBe('gif');
    expect(sniffImageType(await solid(2, 2, 'webp'))?.ext).toBe('webp');
    expect(sniffImageType(await solid(8, 8, 'avif'))?.ext).toBe('avif');
    expect(sniffImageType(Buffer.from(''))).toBeUndefined();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic'))).toBeUndefined();
  });
});
