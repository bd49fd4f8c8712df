import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { call, createTestApp, signedIn, type TestApp } from '../../test/harness.js';
import { InsufficientStockError, type InventoryService } from './service.js';

let t: TestApp;
let staff: string;
let customer: string;
let inv: InventoryService;

beforeAll(async () => {
  t = await createTestApp();
  staff = (await signedIn(t, 'staff')).token;
  customer = (await signedIn(t)).token;
  inv = t.app.services.inventory;
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH';
const api = (method: Method, url: string, body?: unknown, token?: string) =>
  call(t.app, method, `/api/v1${url}`, { body, token });
const admin = (method: Method, url: string, body?: unknown) => api(method, `/admin${url}`, body, staff);

let seq = 0;
async function makeWarehouse(patch: Record<string, unknown> = {}) {
  const res = await admin('POST', '/warehouses', {
    code: `WH-${Date.now().toString(36)}-${seq++}`,
    name: `Dark store ${seq}`,
    address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'US' },
    service_postal_codes: [],
    opening_hours: { mon: ['08:00', '23:00'] },
    ...patch,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; code: string };
}

/** A real catalog variant (category + product through the admin API). */
async function makeVariant() {
  const cat = await admin('POST', '/categories', { name: `Cat ${seq++}` });
  const res = await admin('POST', '/products', {
    name: `Product ${seq++}`,
    sku: `INV-${Date.now().toString(36)}-${seq++}`.toUpperCase(),
    category_id: cat.body.id,
    price_cents: 199,
    status: 'active',
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.variants[0].id as string;
}

async function level(warehouseId: string, variantId: string) {
  const { rows } = await t.database.pool.query(
    'select on_hand, reserved, committed from stock_levels where warehouse_id = $1 and variant_id = $2',
    [warehouseId, variantId],
  );
  return rows[0] as { on_hand: number; reserved: number; committed: number } | undefined;
}

describe('dark stores (INV-1, INV-9)', () => {
  it('resolves the serving store by normalised postal code, with its ETA', async () => {
    const code = `Z${seq++}X 1`;
    const w = await makeWarehouse({ service_postal_codes: [code.toLowerCase()], base_eta_minutes: 12 });
    const res = await api('GET', `/stores/resolve?postal_code=${encodeURIComponent(` ${code} `)}`);
    expect(res.status).toBe(200);
    expect(res.body.warehouse.id).toBe(w.id);
    expect(res.body.eta_minutes).toBe(12);
    expect(res.body.postal_code).toBe(code.replace(/\s/g, ''));
  });

  it('answers NOT_SERVICEABLE outside every area and for inactive stores', async () => {
    const out = await api('GET', '/stores/resolve?postal_code=NOWHERE1');
    expect(out.status).toBe(404);
    expect(out.body.code).toBe('NOT_SERVICEABLE');
    expect(out.body.detail).toBe("We don't deliver to this postal code yet");

    const code = `IN${seq++}ACT`;
    const w = await makeWarehouse({ service_postal_codes: [code] });
    expect((await api('GET', `/stores/resolve?postal_code=${code}`)).status).toBe(200);
    const patched = await admin('PATCH', `/warehouses/${w.id}`, { is_active: false });
    expect(patched.status).toBe(200);
    expect(patched.body.is_active).toBe(false);
    const res = await api('GET', `/stores/resolve?postal_code=${code}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_SERVICEABLE');
    expect((await api('GET', '/stores/resolve')).status).toBe(422);
  });

  it('refuses a duplicate warehouse code and bad opening hours', async () => {
    const w = await makeWarehouse();
    const dup = await admin('POST', '/warehouses', {
      code: w.code,
      name: 'Again',
      address: { line1: 'x', city: 'y', postal_code: '1', country: 'US' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('WAREHOUSE_CODE_TAKEN');
    const bad = await admin('POST', '/warehouses', {
      code: 'BAD-HOURS',
      name: 'x',
      address: { line1: 'x', city: 'y', postal_code: '1', country: 'US' },
      opening_hours: { mon: ['25:00', '23:00'] },
    });
    expect(bad.status).toBe(422);
    expect((await admin('GET', '/warehouses')).body.some((x: { id: string }) => x.id === w.id)).toBe(true);
  });
});

describe('restock, adjust, transfer (INV-4, INV-5)', () => {
  it('restocks and adjusts a real catalog variant, each change writing a movement with before/after', async () => {
    const w = await makeWarehouse();
    const v = await makeVariant();
    const r = await admin('POST', '/inventory/restock', { warehouse_id: w.id, variant_id: v, quantity: 20 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ on_hand: 20, reserved: 0, available: 20 });

    const set = await admin('POST', '/inventory/adjust', {
      warehouse_id: w.id,
      variant_id: v,
      set: 15,
      reason: 'stock count',
    });
    expect(set.status).toBe(200);
    expect(set.body.on_hand).toBe(15);
    const delta = await admin('POST', '/inventory/adjust', {
      warehouse_id: w.id,
      variant_id: v,
      delta: -5,
      reason: 'damaged',
    });
    expect(delta.body.on_hand).toBe(10);

    const hist = await admin('GET', `/inventory/movements?warehouse_id=${w.id}&variant_id=${v}`);
    expect(hist.status).toBe(200);
    expect(hist.body.total).toBe(3);
    expect(hist.body.items[0]).toMatchObject({
      type: 'adjustment',
      quantity: -5,
      on_hand_before: 15,
      on_hand_after: 10,
      note: 'damaged',
      reference_type: 'user',
    });
    expect(hist.body.items[0].actor_id).toEqual(expect.any(String));
    const restocks = await admin('GET', `/inventory/movements?warehouse_id=${w.id}&type=restock`);
    expect(restocks.body.items.map((m: { quantity: number }) => m.quantity)).toEqual([20]);

    const low = await admin('POST', '/inventory/bulk', {
      rows: [{ warehouse_id: w.id, variant_id: v, low_stock_threshold: 12 }],
    });
    expect(low.body.updated).toBe(1);
    const list = await admin('GET', `/inventory?warehouse_id=${w.id}&low_stock=true`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ variant_id: v, available: 10, low_stock_threshold: 12 });
  });

  it('refuses bad quantities, unknown warehouses and negative results, changing nothing', async () => {
    const w = await makeWarehouse();
    const v = randomUUID();
    await admin('POST', '/inventory/restock', { warehouse_id: w.id, variant_id: v, quantity: 5 });
    for (const quantity of [0, -1, 1e9, 1.5, '3']) {
      const res = await admin('POST', '/inventory/restock', { warehouse_id: w.id, variant_id: v, quantity });
      expect(res.status, String(quantity)).toBe(422);
    }
    const unknown = await admin('POST', '/inventory/restock', {
      warehouse_id: randomUUID(),
      variant_id: v,
      quantity: 1,
    });
    expect(unknown.status).toBe(404);
    const neg = await admin('POST', '/inventory/adjust', {
      warehouse_id: w.id,
      variant_id: v,
      delta: -6,
      reason: 'oops',
    });
    expect(neg.status).toBe(409);
    expect(neg.body.code).toBe('NEGATIVE_STOCK');
    expect(
      (await admin('POST', '/inventory/adjust', { warehouse_id: w.id, variant_id: v, set: -1, reason: 'x' }))
        .status,
    ).toBe(422);
    expect(
      (
        await admin('POST', '/inventory/adjust', {
          warehouse_id: w.id,
          variant_id: v,
          set: 1,
          delta: 1,
          reason: 'x',
        })
      ).status,
    ).toBe(422);
    expect(
      (await admin('POST', '/inventory/adjust', { warehouse_id: w.id, variant_id: v, set: 1 })).status,
    ).toBe(422);
    // Below what is reserved is refused too.
    await t.database.db.transaction((tx) =>
      inv.reserve(tx, { warehouseId: w.id, items: [{ variantId: v, quantity: 3 }] }),
    );
    const below = await admin('POST', '/inventory/adjust', {
      warehouse_id: w.id,
      variant_id: v,
      set: 2,
      reason: 'x',
    });
    expect(below.status).toBe(409);
    expect(below.body.code).toBe('BELOW_RESERVED');
    expect(await level(w.id, v)).toMatchObject({ on_hand: 5, reserved: 3 });
  });

  it('transfers atomically between warehouses with two movements, and refuses bad transfers', async () => {
    const a = await makeWarehouse();
    const b = await makeWarehouse();
    const v = await makeVariant();
    await admin('POST', '/inventory/restock', { warehouse_id: a.id, variant_id: v, quantity: 10 });
    const ok = await admin('POST', '/inventory/transfer', {
      from_warehouse_id: a.id,
      to_warehouse_id: b.id,
      variant_id: v,
      quantity: 4,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.from.on_hand).toBe(6);
    expect(ok.body.to.on_hand).toBe(4);
    const moves = await admin('GET', `/inventory/movements?variant_id=${v}`);
    expect(moves.body.items.map((m: { type: string }) => m.type).sort()).toEqual([
      'restock',
      'transfer_in',
      'transfer_out',
    ]);

    const same = await admin('POST', '/inventory/transfer', {
      from_warehouse_id: a.id,
      to_warehouse_id: a.id,
      variant_id: v,
      quantity: 1,
    });
    expect(same.status).toBe(422);
    expect(same.body.code).toBe('SAME_WAREHOUSE');
    const tooMany = await admin('POST', '/inventory/transfer', {
      from_warehouse_id: a.id,
      to_warehouse_id: b.id,
      variant_id: v,
      quantity: 7,
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe('INSUFFICIENT_STOCK');
    const unknown = await admin('POST', '/inventory/transfer', {
      from_warehouse_id: a.id,
      to_warehouse_id: randomUUID(),
      variant_id: v,
      quantity: 1,
    });
    expect(unknown.status).toBe(404);
    expect(await level(a.id, v)).toMatchObject({ on_hand: 6 });
    expect(await level(b.id, v)).toMatchObject({ on_hand: 4 });
  });

  it('bulk update reports per row', async () => {
    const w = await makeWarehouse();
    const v1 = randomUUID();
    const v2 = randomUUID();
    await inv.restock({ warehouseId: w.id, variantId: v2, quantity: 5 });
    await t.database.db.transaction((tx) =>
      inv.reserve(tx, { warehouseId: w.id, items: [{ variantId: v2, quantity: 5 }] }),
    );
    const res = await admin('POST', '/inventory/bulk', {
      rows: [
        { warehouse_id: w.id, variant_id: v1, on_hand: 30, bin_location: 'A-1' },
        { warehouse_id: w.id, variant_id: v2, on_hand: 1 },
        { warehouse_id: randomUUID(), variant_id: v1, on_hand: 1 },
        { warehouse_id: w.id, variant_id: v1, on_hand: 30 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'updated',
      'failed',
      'failed',
      'unchanged',
    ]);
    expect(res.body.results[1].code).toBe('BELOW_RESERVED');
    expect(res.body.results[2].code).toBe('NOT_FOUND');
    expect(await level(w.id, v1)).toMatchObject({ on_hand: 30 });
    expect(await level(w.id, v2)).toMatchObject({ on_hand: 5, reserved: 5 });
    const bad = await admin('POST', '/inventory/bulk', {
      rows: [{ warehouse_id: w.id, variant_id: v1, on_hand: -1 }],
    });
    expect(bad.status).toBe(422);
  });

  it('keeps customers and anonymous callers out of admin routes', async () => {
    const w = await makeWarehouse();
    const body = { warehouse_id: w.id, variant_id: randomUUID(), quantity: 1 };
    expect((await api('POST', '/admin/inventory/restock', body, customer)).status).toBe(403);
    expect((await api('GET', '/admin/inventory', undefined, customer)).status).toBe(403);
    expect((await api('GET', '/admin/inventory/movements', undefined, customer)).status).toBe(403);
    expect((await api('GET', '/admin/warehouses', undefined, customer)).status).toBe(403);
    expect((await api('PATCH', `/admin/warehouses/${w.id}`, { name: 'x' }, customer)).status).toBe(403);
    expect((await api('POST', '/admin/inventory/restock', body)).status).toBe(401);
  });
});

describe('reservations (INV-3)', () => {
  it('reserves all-or-nothing, listing each short variant; commit and release move the counts', async () => {
    const w = await makeWarehouse();
    const [v1, v2] = [randomUUID(), randomUUID()];
    await inv.restock({ warehouseId: w.id, variantId: v1, quantity: 5 });
    await inv.restock({ warehouseId: w.id, variantId: v2, quantity: 1 });
    const err = await t.database.db
      .transaction((tx) =>
        inv.reserve(tx, {
          warehouseId: w.id,
          items: [
            { variantId: v1, quantity: 2 },
            { variantId: v2, quantity: 3 },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientStockError);
    expect((err as InsufficientStockError).shortages).toEqual([
      { variant_id: v2, requested: 3, available: 1 },
    ]);
    expect(await level(w.id, v1)).toMatchObject({ reserved: 0 });

    const ref = { type: 'order' as const, id: 'ORD-1' };
    await t.database.db.transaction((tx) =>
      inv.reserve(tx, { warehouseId: w.id, items: [{ variantId: v1, quantity: 3 }], reference: ref }),
    );
    await t.database.db.transaction((tx) =>
      inv.commit(tx, { warehouseId: w.id, items: [{ variantId: v1, quantity: 2 }], reference: ref }),
    );
    await t.database.db.transaction((tx) =>
      inv.release(tx, { warehouseId: w.id, items: [{ variantId: v1, quantity: 1 }], reference: ref }),
    );
    expect(await level(w.id, v1)).toEqual({ on_hand: 3, reserved: 0, committed: 2 });
    expect(await inv.availability(w.id, [v1, v2, randomUUID()])).toMatchObject([
      { variant_id: v1, available: 3 },
      { variant_id: v2, available: 1 },
      { available: 0 },
    ]);
    const release = await t.database.db
      .transaction((tx) => inv.release(tx, { warehouseId: w.id, items: [{ variantId: v1, quantity: 1 }] }))
      .catch((e: unknown) => e);
    expect((release as AppError).code).toBe('NOT_RESERVED');
  });

  it('never oversells: 200 concurrent reservations of 1 against 50 on hand', async () => {
    const w = await makeWarehouse();
    const v = randomUUID();
    await inv.restock({ warehouseId: w.id, variantId: v, quantity: 50 });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        t.database.db.transaction((tx) =>
          inv.reserve(tx, {
            warehouseId: w.id,
            items: [{ variantId: v, quantity: 1 }],
            reference: { type: 'order', id: `o-${i}` },
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const sold = results.filter(
      (r) => r.status === 'rejected' && (r.reason as AppError).code === 'INSUFFICIENT_STOCK',
    ).length;
    expect(ok).toBe(50);
    expect(sold).toBe(150);
    expect(await level(w.id, v)).toMatchObject({ on_hand: 50, reserved: 50 });
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from stock_movements where warehouse_id = $1 and type = 'reservation'`,
      [w.id],
    );
    expect(rows[0].n).toBe(50);
  });
});

describe('reservations under a held row lock (OPS-9)', () => {
  it('answers sold out without waiting for the lock, and waits for it with stock to take', async () => {
    const w = await makeWarehouse();
    const [gone, left] = [randomUUID(), randomUUID()];
    await inv.restock({ warehouseId: w.id, variantId: gone, quantity: 1 });
    await inv.restock({ warehouseId: w.id, variantId: left, quantity: 5 });
    const reserve = (variantId: string) =>
      t.database.db.transaction((tx) =>
        inv.reserve(tx, { warehouseId: w.id, items: [{ variantId, quantity: 1 }] }),
      );
    await reserve(gone);
    // Another checkout holds both rows (it is in the middle of its transaction).
    const holder = await t.database.pool.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from stock_levels where warehouse_id = $1 for update', [w.id]);
      const soldOut = await Promise.race([
        reserve(gone).catch((e: unknown) => e),
        new Promise((r) => setTimeout(() => r('waited for the lock'), 5000)),
      ]);
      expect(soldOut).toBeInstanceOf(InsufficientStockError);
      // With stock to take, the reservation queues for the lock and checks again under it.
      let done = false;
      const waiting = reserve(left).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await holder.query('rollback');
      await waiting;
    } finally {
      holder.release();
    }
    expect(await level(w.id, left)).toMatchObject({ on_hand: 5, reserved: 1 });
    expect(await level(w.id, gone)).toMatchObject({ on_hand: 1, reserved: 1 });
  });
});

describe('ledger (INV-4)', () => {
  it('reconciles to current stock after a randomized run of concurrent operations', async () => {
    const whs = [(await makeWarehouse()).id, (await makeWarehouse()).id];
    const variants = Array.from({ length: 5 }, () => randomUUID());
    let state = 42;
    const rnd = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const pick = <T>(xs: T[]) => xs[rnd(xs.length)]!;
    const db = t.database.db;

    const op = async () => {
      const w = pick(whs);
      const v = pick(variants);
      const q = 1 + rnd(5);
      switch (rnd(7)) {
        case 0:
          return inv.restock({ warehouseId: w, variantId: v, quantity: q + 5 });
        case 1:
          return rnd(2)
            ? inv.adjust({ warehouseId: w, variantId: v, set: rnd(20), reason: 'count' })
            : inv.adjust({ warehouseId: w, variantId: v, delta: q - 3 || 1, reason: 'delta' });
        case 2:
        case 3: {
          const v2 = pick(variants);
          return db.transaction((tx) =>
            inv.reserve(tx, {
              warehouseId: w,
              items: [
                { variantId: v, quantity: q },
                { variantId: v2, quantity: 1 },
              ],
            }),
          );
        }
        case 4:
          return db.transaction((tx) =>
            inv.release(tx, { warehouseId: w, items: [{ variantId: v, quantity: 1 }] }),
          );
        case 5:
          return db.transaction((tx) =>
            inv.commit(tx, { warehouseId: w, items: [{ variantId: v, quantity: 1 }] }),
          );
        default:
          return inv.transfer({
            fromWarehouseId: w,
            toWarehouseId: whs.find((x) => x !== w)!,
            variantId: v,
            quantity: q,
          });
      }
    };

    let failedUnexpectedly = 0;
    for (let batch = 0; batch < 25; batch++) {
      const results = await Promise.allSettled(Array.from({ length: 8 }, op));
      for (const r of results)
        if (r.status === 'rejected' && !(r.reason instanceof AppError && r.reason.status < 500)) {
          failedUnexpectedly++;
          console.error(r.reason);
        }
    }
    expect(failedUnexpectedly).toBe(0);

    const { rows: mismatches } = await t.database.pool.query(
      `select s.warehouse_id, s.variant_id, s.on_hand, s.reserved,
              coalesce(sum(m.on_hand_after - m.on_hand_before), 0)::int as ledger_on_hand,
              coalesce(sum(m.reserved_after - m.reserved_before), 0)::int as ledger_reserved
         from stock_levels s
         left join stock_movements m on m.warehouse_id = s.warehouse_id and m.variant_id = s.variant_id
        where s.warehouse_id = any($1::uuid[])
        group by s.warehouse_id, s.variant_id, s.on_hand, s.reserved
       having s.on_hand <> coalesce(sum(m.on_hand_after - m.on_hand_before), 0)
           or s.reserved <> coalesce(sum(m.reserved_after - m.reserved_before), 0)`,
      [whs],
    );
    expect(mismatches).toEqual([]);
    // Each movement's signed quantity is the delta it documents.
    const { rows: badQty } = await t.database.pool.query(
      `select id, type from stock_movements
        where warehouse_id = any($1::uuid[])
          and quantity <> case when type in ('reservation', 'release') then reserved_after - reserved_before
                               else on_hand_after - on_hand_before end`,
      [whs],
    );
    expect(badQty).toEqual([]);
    const { rows: totals } = await t.database.pool.query(
      `select count(*)::int as n, count(distinct type)::int as types from stock_movements
        where warehouse_id = any($1::uuid[])`,
      [whs],
    );
    expect(totals[0].n).toBeGreaterThan(50);
    expect(totals[0].types).toBeGreaterThanOrEqual(6);
  });
});
