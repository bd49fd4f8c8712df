import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import { AppError, conflict, findOrFail, unprocessable } from '../../platform/errors.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import {
  movementType,
  stockLevels,
  stockMovements,
  warehouses,
  type MovementRow,
  type OpeningHours,
  type StockLevelRow,
  type WarehouseAddress,
  type WarehouseRow,
} from './schema.js';

export const MOVEMENT_TYPES = movementType.enumValues;
export type MovementType = (typeof MOVEMENT_TYPES)[number];
export const MAX_QUANTITY = 1_000_000;

/** Who and what caused a change, recorded on every movement. */
export type StockReference = {
  type?: 'order' | 'import' | 'user' | null;
  id?: string | null;
  actorId?: string | null;
  note?: string | null;
};
export type StockItem = { variantId: string; quantity: number };
export type Shortage = { variant_id: string; requested: number; available: number };

/** 409 INSUFFICIENT_STOCK, with each short variant and what is available of it. */
export class InsufficientStockError extends AppError {
  constructor(public readonly shortages: Shortage[]) {
    super(
      409,
      'INSUFFICIENT_STOCK',
      shortages.length === 1
        ? `Only ${shortages[0]!.available} available of variant ${shortages[0]!.variant_id}`
        : `${shortages.length} items are not available in the requested quantity`,
      shortages.map((s) => ({
        field: s.variant_id,
        message: `requested ${s.requested}, available ${s.available}`,
      })),
    );
  }
}

export const normalizePostalCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

export type WarehouseInput = {
  code: string;
  name: string;
  address: WarehouseAddress;
  isActive?: boolean;
  servicePostalCodes?: string[];
  openingHours?: OpeningHours;
  baseEtaMinutes?: number;
  pickMinutesPerItem?: number;
};

const toWarehouse = (w: WarehouseRow) => ({
  id: w.id,
  code: w.code,
  name: w.name,
  address: w.address,
  is_active: w.isActive,
  service_postal_codes: w.servicePostalCodes,
  opening_hours: w.openingHours,
  base_eta_minutes: w.baseEtaMinutes,
  pick_minutes_per_item: w.pickMinutesPerItem,
  created_at: w.createdAt.toISOString(),
  updated_at: w.updatedAt.toISOString(),
});
export type Warehouse = ReturnType<typeof toWarehouse>;

const toLevel = (s: StockLevelRow) => ({
  warehouse_id: s.warehouseId,
  variant_id: s.variantId,
  on_hand: s.onHand,
  reserved: s.reserved,
  committed: s.committed,
  available: s.onHand - s.reserved,
  low_stock_threshold: s.lowStockThreshold,
  reorder_point: s.reorderPoint,
  max_level: s.maxLevel,
  backorder_allowed: s.backorderAllowed,
  bin_location: s.binLocation,
  updated_at: s.updatedAt.toISOString(),
});
export type StockLevel = ReturnType<typeof toLevel>;

const toMovement = (m: MovementRow) => ({
  id: m.id,
  warehouse_id: m.warehouseId,
  variant_id: m.variantId,
  type: m.type,
  quantity: m.quantity,
  on_hand_before: m.onHandBefore,
  on_hand_after: m.onHandAfter,
  reserved_before: m.reservedBefore,
  reserved_after: m.reservedAfter,
  reference_type: m.referenceType,
  reference_id: m.referenceId,
  actor_id: m.actorId,
  note: m.note,
  created_at: m.createdAt.toISOString(),
});

/** Duplicate variants summed, sorted by id: every locker takes rows in the same order (no deadlocks). */
function mergeItems(items: StockItem[]): StockItem[] {
  const byId = new Map<string, number>();
  for (const i of items) {
    if (!Number.isInteger(i.quantity) || i.quantity < 1 || i.quantity > MAX_QUANTITY)
      throw unprocessable('INVALID_QUANTITY', `Quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
    byId.set(i.variantId, (byId.get(i.variantId) ?? 0) + i.quantity);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([variantId, quantity]) => ({ variantId, quantity }));
}

export type BulkRow = {
  warehouseId: string;
  variantId: string;
  onHand?: number;
  lowStockThreshold?: number;
  reorderPoint?: number;
  maxLevel?: number | null;
  backorderAllowed?: boolean;
  binLocation?: string | null;
};
export type BulkResult = {
  index: number;
  warehouse_id: string;
  variant_id: string;
  status: 'updated' | 'unchanged' | 'failed';
  code?: string;
  message?: string;
};

/** One movement's effect: its type, the signed quantity it records, and the deltas it applies. */
type StockChange = {
  type: MovementType;
  quantity: number;
  onHand?: number;
  reserved?: number;
  committed?: number;
};

export function createInventoryService(deps: { db: Db }) {
  const { db } = deps;

  // ---- warehouses ----------------------------------------------------------------------------

  const codeConflict = (err: unknown) =>
    isUniqueViolation(err, 'warehouses_code_key')
      ? conflict('WAREHOUSE_CODE_TAKEN', 'Another warehouse has this code', [
          { field: 'body.code', message: 'already used' },
        ])
      : err;

  const postalCodes = (codes: string[] | undefined) =>
    codes === undefined ? undefined : [...new Set(codes.map(normalizePostalCode).filter(Boolean))];

  async function getWarehouseRow(tx: DbOrTx, id: string) {
    const [w] = await tx.select().from(warehouses).where(eq(warehouses.id, id));
    return findOrFail(w, 'Warehouse');
  }

  const warehouseSvc = {
    list: async () => (await db.select().from(warehouses).orderBy(asc(warehouses.code))).map(toWarehouse),
    get: async (id: string) => toWarehouse(await getWarehouseRow(db, id)),
    create: async (input: WarehouseInput) => {
      try {
        const [w] = await db
          .insert(warehouses)
          .values({ ...input, servicePostalCodes: postalCodes(input.servicePostalCodes) ?? [] })
          .returning();
        return toWarehouse(w!);
      } catch (err) {
        throw codeConflict(err);
      }
    },
    update: async (id: string, input: Partial<WarehouseInput>) => {
      const patch = { ...input, servicePostalCodes: postalCodes(input.servicePostalCodes) };
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (!Object.keys(set).length) return toWarehouse(await getWarehouseRow(db, id));
      try {
        const [w] = await db
          .update(warehouses)
          .set({ ...set, updatedAt: new Date() })
          .where(eq(warehouses.id, id))
          .returning();
        return toWarehouse(findOrFail(w, 'Warehouse'));
      } catch (err) {
        throw codeConflict(err);
      }
    },
  };

  /** The active dark store serving a postal code, and its delivery ETA before per-item pick time. */
  async function resolveStore(postalCode: string) {
    const code = normalizePostalCode(postalCode);
    const [w] = code
      ? await db
          .select()
          .from(warehouses)
          .where(
            and(
              eq(warehouses.isActive, true),
              sql`${warehouses.servicePostalCodes} @> array[${code}]::text[]`,
            ),
          )
          .orderBy(asc(warehouses.baseEtaMinutes), asc(warehouses.code))
          .limit(1)
      : [];
    if (!w) throw new AppError(404, 'NOT_SERVICEABLE', "We don't deliver to this postal code yet");
    return { warehouse: toWarehouse(w), postal_code: code, eta_minutes: w.baseEtaMinutes };
  }

  // ---- the one way stock changes -------------------------------------------------------------

  /** Locks the rows of these variants in this warehouse (in variant order); absent rows are absent. */
  async function lockRows(tx: DbOrTx, warehouseId: string, variantIds: string[]) {
    if (!variantIds.length) return new Map<string, StockLevelRow>();
    const rows = await tx
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.warehouseId, warehouseId), inArray(stockLevels.variantId, variantIds)))
      .orderBy(asc(stockLevels.variantId))
      .for('update');
    return new Map(rows.map((r) => [r.variantId, r]));
  }

  /** Creates missing rows (zero stock), then locks them all. */
  async function ensureAndLock(tx: DbOrTx, warehouseId: string, variantIds: string[]) {
    await tx
      .insert(stockLevels)
      .values(variantIds.map((variantId) => ({ warehouseId, variantId })))
      .onConflictDoNothing();
    return lockRows(tx, warehouseId, variantIds);
  }

  /** Applies a change to a locked row and writes its movement; the caller holds the row lock. */
  async function apply(tx: DbOrTx, row: StockLevelRow, change: StockChange, ref: StockReference) {
    const onHand = row.onHand + (change.onHand ?? 0);
    const reserved = row.reserved + (change.reserved ?? 0);
    const [updated] = await tx
      .update(stockLevels)
      .set({ onHand, reserved, committed: row.committed + (change.committed ?? 0), updatedAt: new Date() })
      .where(and(eq(stockLevels.warehouseId, row.warehouseId), eq(stockLevels.variantId, row.variantId)))
      .returning();
    await tx.insert(stockMovements).values({
      warehouseId: row.warehouseId,
      variantId: row.variantId,
      type: change.type,
      quantity: change.quantity,
      onHandBefore: row.onHand,
      onHandAfter: onHand,
      reservedBefore: row.reserved,
      reservedAfter: reserved,
      referenceType: ref.type ?? null,
      referenceId: ref.id ?? null,
      actorId: ref.actorId ?? null,
      note: ref.note ?? null,
    });
    return updated!;
  }

  const checkQuantity = (q: number, field = 'quantity') => {
    if (!Number.isInteger(q) || q < 1 || q > MAX_QUANTITY)
      throw unprocessable('INVALID_QUANTITY', `Quantity must be a whole number from 1 to ${MAX_QUANTITY}`, [
        { field, message: 'out of range' },
      ]);
  };

  /** Refuses on-hand below zero, or below what is reserved (unless backorders are allowed). */
  function checkResult(row: StockLevelRow, onHand: number) {
    if (onHand < 0)
      throw conflict('NEGATIVE_STOCK', `Stock of variant ${row.variantId} cannot go below zero`);
    if (onHand < row.reserved && !row.backorderAllowed)
      throw conflict(
        'BELOW_RESERVED',
        `Variant ${row.variantId} has ${row.reserved} reserved; on hand cannot go below that`,
      );
  }

  /** Runs in the caller's transaction (as a savepoint) or a new one. */
  const inTx = <T>(tx: DbOrTx | undefined, fn: (tx: DbOrTx) => Promise<T>) =>
    (tx ?? db).transaction(fn) as Promise<T>;

  type RowInput = { warehouseId: string; variantId: string };

  async function restock(input: RowInput & { quantity: number }, ref: StockReference = {}, tx?: DbOrTx) {
    checkQuantity(input.quantity);
    return inTx(tx, async (t) => {
      await getWarehouseRow(t, input.warehouseId);
      const row = (await ensureAndLock(t, input.warehouseId, [input.variantId])).get(input.variantId)!;
      const q = input.quantity;
      return toLevel(await apply(t, row, { type: 'restock', quantity: q, onHand: q }, ref));
    });
  }

  /** Sets on-hand to an absolute count (`set`) or moves it by `delta`; `reason` goes on the movement. */
  async function adjust(
    input: RowInput & { set?: number; delta?: number; reason: string },
    ref: StockReference = {},
    tx?: DbOrTx,
  ) {
    if ((input.set === undefined) === (input.delta === undefined))
      throw unprocessable('INVALID_ADJUSTMENT', 'Give exactly one of `set` and `delta`');
    return inTx(tx, async (t) => {
      await getWarehouseRow(t, input.warehouseId);
      const row = (await ensureAndLock(t, input.warehouseId, [input.variantId])).get(input.variantId)!;
      const target = input.set ?? row.onHand + input.delta!;
      checkResult(row, target);
      if (target === row.onHand) return toLevel(row);
      const d = target - row.onHand;
      const updated = await apply(
        t,
        row,
        { type: 'adjustment', quantity: d, onHand: d },
        { ...ref, note: input.reason },
      );
      return toLevel(updated);
    });
  }

  /** Moves stock between warehouses atomically: a transfer_out and a transfer_in movement. */
  async function transfer(
    input: { fromWarehouseId: string; toWarehouseId: string; variantId: string; quantity: number },
    ref: StockReference = {},
    tx?: DbOrTx,
  ) {
    checkQuantity(input.quantity);
    if (input.fromWarehouseId === input.toWarehouseId)
      throw unprocessable('SAME_WAREHOUSE', 'Source and destination warehouses must differ', [
        { field: 'body.to_warehouse_id', message: 'same as the source' },
      ]);
    return inTx(tx, async (t) => {
      await getWarehouseRow(t, input.fromWarehouseId);
      await getWarehouseRow(t, input.toWarehouseId);
      // Lock both rows in warehouse-id order, whichever direction the transfer goes.
      const order = [input.fromWarehouseId, input.toWarehouseId].sort();
      const locked = new Map<string, StockLevelRow>();
      for (const w of order)
        locked.set(w, (await ensureAndLock(t, w, [input.variantId])).get(input.variantId)!);
      const from = locked.get(input.fromWarehouseId)!;
      const to = locked.get(input.toWarehouseId)!;
      const q = input.quantity;
      const available = from.onHand - from.reserved;
      if (available < q)
        throw new InsufficientStockError([{ variant_id: input.variantId, requested: q, available }]);
      const out = await apply(t, from, { type: 'transfer_out', quantity: -q, onHand: -q }, ref);
      const into = await apply(t, to, { type: 'transfer_in', quantity: q, onHand: q }, ref);
      return { from: toLevel(out), to: toLevel(into) };
    });
  }

  /**
   * Reserves every item or none (checkout). Rows are locked in variant order; a short item anywhere
   * throws INSUFFICIENT_STOCK listing all short variants, and the caller's transaction rolls back.
   */
  async function reserve(
    tx: DbOrTx,
    input: { warehouseId: string; items: StockItem[]; reference?: StockReference },
  ) {
    const items = mergeItems(input.items);
    const rows = await lockRows(
      tx,
      input.warehouseId,
      items.map((i) => i.variantId),
    );
    const short: Shortage[] = [];
    for (const i of items) {
      const row = rows.get(i.variantId);
      const available = row ? Math.max(0, row.onHand - row.reserved) : 0;
      if (!row || (!row.backorderAllowed && available < i.quantity))
        short.push({ variant_id: i.variantId, requested: i.quantity, available });
    }
    if (short.length) throw new InsufficientStockError(short);
    const out: StockLevel[] = [];
    for (const i of items) {
      const row = rows.get(i.variantId)!;
      out.push(
        toLevel(
          await apply(
            tx,
            row,
            { type: 'reservation', quantity: i.quantity, reserved: i.quantity },
            input.reference ?? {},
          ),
        ),
      );
    }
    return out;
  }

  async function lockReserved(tx: DbOrTx, warehouseId: string, items: StockItem[]) {
    const rows = await lockRows(
      tx,
      warehouseId,
      items.map((i) => i.variantId),
    );
    for (const i of items) {
      const row = rows.get(i.variantId);
      if (!row || row.reserved < i.quantity)
        throw conflict(
          'NOT_RESERVED',
          `Variant ${i.variantId} has ${row?.reserved ?? 0} reserved, fewer than ${i.quantity}`,
        );
    }
    return rows;
  }

  type Settlement = { warehouseId: string; items: StockItem[]; reference?: StockReference };

  /** Locks the reserved rows, then applies one movement per item (commit and release differ only in it). */
  async function settleReserved(tx: DbOrTx, input: Settlement, changeFor: (q: number) => StockChange) {
    const items = mergeItems(input.items);
    const rows = await lockReserved(tx, input.warehouseId, items);
    const out: StockLevel[] = [];
    for (const i of items)
      out.push(
        toLevel(await apply(tx, rows.get(i.variantId)!, changeFor(i.quantity), input.reference ?? {})),
      );
    return out;
  }

  /** On payment: reserved units leave the shelf (on_hand −q, reserved −q), one `sale` movement each. */
  const commit = (tx: DbOrTx, input: Settlement) =>
    settleReserved(tx, input, (q) => ({
      type: 'sale',
      quantity: -q,
      onHand: -q,
      reserved: -q,
      committed: q,
    }));

  /** On cancel, failure or expiry: reserved −q, one `release` movement each. */
  const release = (tx: DbOrTx, input: Settlement) =>
    settleReserved(tx, input, (q) => ({ type: 'release', quantity: -q, reserved: -q }));

  /** Available (on hand − reserved, never below 0) per variant; unknown variants are 0. */
  async function availability(warehouseId: string, variantIds: string[], tx: DbOrTx = db) {
    const rows = variantIds.length
      ? await tx
          .select()
          .from(stockLevels)
          .where(and(eq(stockLevels.warehouseId, warehouseId), inArray(stockLevels.variantId, variantIds)))
      : [];
    const byId = new Map(rows.map((r) => [r.variantId, r]));
    return variantIds.map((id) => {
      const r = byId.get(id);
      return {
        variant_id: id,
        available: r ? Math.max(0, r.onHand - r.reserved) : 0,
        backorder_allowed: r?.backorderAllowed ?? false,
      };
    });
  }

  /** Many rows in one request, each applied on its own (a savepoint): a per-row report. */
  async function bulkSet(rows: BulkRow[], ref: StockReference = {}) {
    const results: BulkResult[] = [];
    await db.transaction(async (tx) => {
      for (const [index, r] of rows.entries()) {
        const base = { index, warehouse_id: r.warehouseId, variant_id: r.variantId };
        try {
          const status = await tx.transaction(async (t) => {
            await getWarehouseRow(t, r.warehouseId);
            const row = (await ensureAndLock(t, r.warehouseId, [r.variantId])).get(r.variantId)!;
            const settings = Object.fromEntries(
              Object.entries({
                lowStockThreshold: r.lowStockThreshold,
                reorderPoint: r.reorderPoint,
                maxLevel: r.maxLevel,
                backorderAllowed: r.backorderAllowed,
                binLocation: r.binLocation,
              }).filter(([k, v]) => v !== undefined && v !== row[k as keyof StockLevelRow]),
            );
            let changed = false;
            let current = row;
            if (Object.keys(settings).length) {
              const [u] = await t
                .update(stockLevels)
                .set({ ...settings, updatedAt: new Date() })
                .where(
                  and(eq(stockLevels.warehouseId, r.warehouseId), eq(stockLevels.variantId, r.variantId)),
                )
                .returning();
              current = u!;
              changed = true;
            }
            if (r.onHand !== undefined && r.onHand !== current.onHand) {
              checkResult(current, r.onHand);
              const d = r.onHand - current.onHand;
              await apply(
                t,
                current,
                { type: 'adjustment', quantity: d, onHand: d },
                {
                  ...ref,
                  type: ref.type ?? 'import',
                  note: ref.note ?? 'bulk update',
                },
              );
              changed = true;
            }
            return changed ? ('updated' as const) : ('unchanged' as const);
          });
          results.push({ ...base, status });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ ...base, status: 'failed', code: err.code, message: err.message });
        }
      }
    });
    return {
      results,
      updated: results.filter((r) => r.status === 'updated').length,
      unchanged: results.filter((r) => r.status === 'unchanged').length,
      failed: results.filter((r) => r.status === 'failed').length,
    };
  }

  /** Stock rows with available; `lowStock` keeps those at or below their low-stock threshold. */
  async function listStock(filter: { warehouseId?: string; lowStock?: boolean }, page: PageParams) {
    const where = and(
      filter.warehouseId ? eq(stockLevels.warehouseId, filter.warehouseId) : undefined,
      filter.lowStock
        ? sql`${stockLevels.onHand} - ${stockLevels.reserved} <= ${stockLevels.lowStockThreshold}`
        : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(stockLevels)
        .where(where)
        .orderBy(asc(stockLevels.warehouseId), asc(stockLevels.variantId))
        .limit(pageOffset(page).limit)
        .offset(pageOffset(page).offset),
      db.select({ n: count() }).from(stockLevels).where(where),
    ]);
    return pageOf(rows.map(toLevel), total?.n ?? 0, page);
  }

  /** The ledger, newest first. */
  async function movements(
    filter: { warehouseId?: string; variantId?: string; type?: MovementType },
    page: PageParams,
  ) {
    const conds: (SQL | undefined)[] = [
      filter.warehouseId ? eq(stockMovements.warehouseId, filter.warehouseId) : undefined,
      filter.variantId ? eq(stockMovements.variantId, filter.variantId) : undefined,
      filter.type ? eq(stockMovements.type, filter.type) : undefined,
    ];
    const where = and(...conds);
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(stockMovements)
        .where(where)
        .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
        .limit(pageOffset(page).limit)
        .offset(pageOffset(page).offset),
      db.select({ n: count() }).from(stockMovements).where(where),
    ]);
    return pageOf(rows.map(toMovement), total?.n ?? 0, page);
  }

  return {
    warehouses: warehouseSvc,
    resolveStore,
    restock,
    adjust,
    transfer,
    reserve,
    commit,
    release,
    availability,
    bulkSet,
    listStock,
    movements,
  };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
