import { randomUUID } from 'node:crypto';
import { text as readText } from 'node:stream/consumers';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { isUniqueViolation } from '../../platform/db.js';
import { AppError, conflict, findOrFail, notFound, unprocessable } from '../../platform/errors.js';
import { sendEmail } from '../../platform/mail.js';
import { pageOf, pageOffset, type PageParams } from '../../platform/pagination.js';
import { enqueue, getJob, type JobContext } from '../../platform/queue.js';
import type { Storage } from '../../platform/storage.js';
import {
  checkFeedUrl,
  FeedError,
  feedFormat,
  feedRowSchema,
  fetchFeed,
  MAX_FEED_BYTES,
  parseFeed,
  type FeedFormat,
} from './feed.js';
import { lowStockAlertJob, MAX_ALERT_ROWS, syncJob, type AlertRow, type SyncSource } from './jobs.js';
import type { InventoryCatalogPort, StaffDirectory } from './ports.js';
import { createInventoryReports } from './reports.js';
import {
  alertState,
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
export const MAX_UNIT_COST_CENTS = 100_000_000;

export const ALERT_LEVELS = alertState.enumValues;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
const rank = (l: AlertLevel) => ALERT_LEVELS.indexOf(l);

/** Out at or below zero available; low at or below the row's threshold; otherwise none. */
export const levelOf = (available: number, threshold: number): AlertLevel =>
  available <= 0 ? 'out' : available <= threshold ? 'low' : 'none';

/** The same, in SQL, for queries over many rows. */
const levelSql = sql`(case when on_hand - reserved <= 0 then 'out' when on_hand - reserved <= low_stock_threshold then 'low' else 'none' end)::stock_alert_state`;

/** Can a shopper buy this row now: available stock, or backorders allowed. */
const sellable = (s: Pick<StockLevelRow, 'onHand' | 'reserved' | 'backorderAllowed'>) =>
  s.backorderAllowed || s.onHand - s.reserved > 0;

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
  unit_cost_cents: s.unitCostCents,
  alert_state: s.alertState,
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
  unitCostCents?: number | null;
};
export type BulkResult = {
  index: number;
  warehouse_id: string;
  variant_id: string;
  status: 'updated' | 'unchanged' | 'failed';
  code?: string;
  message?: string;
};

/** Per-row settings a bulk update may change alongside (or instead of) the quantity. */
type RowSettings = Partial<
  Pick<
    StockLevelRow,
    'lowStockThreshold' | 'reorderPoint' | 'maxLevel' | 'backorderAllowed' | 'binLocation' | 'unitCostCents'
  >
>;

/** One movement's effect: its type, the signed quantity it records, and the deltas it applies. */
type StockChange = {
  type: MovementType;
  quantity: number;
  onHand?: number;
  reserved?: number;
  committed?: number;
};

type Settlement = { warehouseId: string; items: StockItem[]; reference?: StockReference };

/** A stock row as a batched change last read it, before the change. */
type LastRead = Pick<
  StockLevelRow,
  'onHand' | 'reserved' | 'backorderAllowed' | 'lowStockThreshold' | 'alertState'
>;

/**
 * What a unit of work did beyond its stock rows, acted on once at its end (`settle`): alerts to
 * send, and variants whose sellability flipped (the catalog's in_stock follows them).
 */
type Effects = { alerts: AlertRow[]; flipped: Set<string>; productsChanged: boolean };
const newEffects = (): Effects => ({ alerts: [], flipped: new Set(), productsChanged: false });
const mergeEffects = (into: Effects, from: Effects) => {
  into.alerts.push(...from.alerts);
  for (const v of from.flipped) into.flipped.add(v);
};

export type SyncRowStatus =
  'adjusted' | 'unchanged' | 'invalid' | 'unknown_sku' | 'unknown_warehouse' | 'failed';
export type SyncReportRow = {
  row: number;
  warehouse_code: string | null;
  sku: string | null;
  variant_id: string | null;
  expected: number | null;
  counted: number | null;
  delta: number | null;
  status: SyncRowStatus;
  errors: { field: string; message: string }[];
};

export type InventoryDeps = {
  db: Db;
  /** SKUs, variant details and products.in_stock (the catalog's side, app.ts wires it). */
  catalog: InventoryCatalogPort;
  /** Who receives low-stock alerts. */
  staff: StaffDirectory;
  /** Uploaded stock feeds wait here for their sync job. */
  storage: Storage;
  /** Hosts a stock feed URL may point at (INVENTORY_SYNC_ALLOWED_HOSTS); empty: URL feeds are off. */
  syncAllowedHosts: string[];
};

export function createInventoryService(deps: InventoryDeps) {
  const { db, catalog } = deps;

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
    get: async (id: string, tx: DbOrTx = db) => toWarehouse(await getWarehouseRow(tx, id)),
    exists: async (id: string) =>
      (await db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.id, id))).length > 0,
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
      const fx = newEffects();
      try {
        const w = await db.transaction(async (tx) => {
          const [before] = await tx.select().from(warehouses).where(eq(warehouses.id, id)).for('update');
          if (!before) throw notFound('Warehouse');
          const [after] = await tx
            .update(warehouses)
            .set({ ...set, updatedAt: new Date() })
            .where(eq(warehouses.id, id))
            .returning();
          // Opening or closing a store changes what is sellable anywhere: its products' in_stock follows.
          if (after!.isActive !== before.isActive) {
            const rows = await tx
              .select({ variantId: stockLevels.variantId })
              .from(stockLevels)
              .where(eq(stockLevels.warehouseId, id));
            await refreshStockStatus(
              tx,
              rows.map((r) => r.variantId),
              fx,
            );
          }
          return after!;
        });
        await committed(fx);
        return toWarehouse(w);
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

  /**
   * The alert level a row moves to, noting what its end must act on: an alert when the level gets
   * worse than the last one staff heard about (once per crossing, however many sales follow), and
   * a sellability flip (the zero-available boundary) for the catalog's in_stock.
   */
  function track(
    row: Pick<
      StockLevelRow,
      'warehouseId' | 'variantId' | 'onHand' | 'reserved' | 'backorderAllowed' | 'alertState'
    >,
    next: Pick<StockLevelRow, 'onHand' | 'reserved' | 'backorderAllowed' | 'lowStockThreshold'>,
    fx: Effects,
  ): AlertLevel {
    const available = next.onHand - next.reserved;
    const level = levelOf(available, next.lowStockThreshold);
    if (level !== 'none' && rank(level) > rank(row.alertState))
      fx.alerts.push({
        warehouseId: row.warehouseId,
        variantId: row.variantId,
        level,
        available,
        threshold: next.lowStockThreshold,
      });
    if (sellable(row) !== sellable(next)) fx.flipped.add(row.variantId);
    return level;
  }

  /**
   * Applies a change to a locked row and writes its movement; the caller holds the row lock. The
   * alert level is written in the same statement, so the checkout path pays nothing extra unless
   * the row crosses a level.
   */
  async function apply(
    tx: DbOrTx,
    row: StockLevelRow,
    change: StockChange,
    ref: StockReference,
    fx: Effects,
    settings: RowSettings = {},
  ) {
    const onHand = row.onHand + (change.onHand ?? 0);
    const reserved = row.reserved + (change.reserved ?? 0);
    const level = track(row, { ...row, ...settings, onHand, reserved }, fx);
    const [updated] = await tx
      .update(stockLevels)
      .set({
        ...settings,
        onHand,
        reserved,
        committed: row.committed + (change.committed ?? 0),
        ...(level !== row.alertState ? { alertState: level } : {}),
        updatedAt: new Date(),
      })
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

  /** A row's settings (bulk update) without a quantity change: no movement, but alerts and in_stock follow. */
  async function updateSettings(tx: DbOrTx, row: StockLevelRow, settings: RowSettings, fx: Effects) {
    const level = track(row, { ...row, ...settings }, fx);
    const [updated] = await tx
      .update(stockLevels)
      .set({ ...settings, ...(level !== row.alertState ? { alertState: level } : {}), updatedAt: new Date() })
      .where(and(eq(stockLevels.warehouseId, row.warehouseId), eq(stockLevels.variantId, row.variantId)))
      .returning();
    return updated!;
  }

  /** Where these variants can be sold now: active warehouses with stock or backorders (read inside the caller's transaction). */
  async function sellableVariants(tx: DbOrTx, variantIds: string[]) {
    if (!variantIds.length) return [];
    return tx
      .select({ variantId: stockLevels.variantId, warehouseId: stockLevels.warehouseId })
      .from(stockLevels)
      .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
      .where(
        and(
          inArray(stockLevels.variantId, variantIds),
          eq(warehouses.isActive, true),
          or(
            eq(stockLevels.backorderAllowed, true),
            sql`${stockLevels.onHand} - ${stockLevels.reserved} > 0`,
          ),
        ),
      );
  }

  /** Recomputes the catalog's stock status (per store and anywhere) for these variants' products, in chunks. */
  async function refreshStockStatus(tx: DbOrTx, variantIds: string[], fx: Effects) {
    const ids = [...new Set(variantIds)].sort();
    for (let i = 0; i < ids.length; i += 1000) {
      const changed = await catalog.setStockStatus(tx, ids.slice(i, i + 1000), (v) =>
        sellableVariants(tx, v),
      );
      if (changed.length) fx.productsChanged = true;
    }
  }

  async function enqueueAlerts(tx: DbOrTx, rows: AlertRow[]) {
    for (let i = 0; i < rows.length; i += MAX_ALERT_ROWS)
      await enqueue(tx, lowStockAlertJob, { rows: rows.slice(i, i + MAX_ALERT_ROWS) });
  }

  /** The end of a unit of work, inside its transaction: alerts enqueued, in_stock recomputed. */
  async function settle(tx: DbOrTx, fx: Effects) {
    if (fx.alerts.length) await enqueueAlerts(tx, fx.alerts);
    if (fx.flipped.size) await refreshStockStatus(tx, [...fx.flipped], fx);
    fx.alerts = [];
    fx.flipped.clear();
  }

  /** After our own transaction committed: catalog readers must see the new in_stock now. */
  async function committed(fx: Effects) {
    if (fx.productsChanged) await catalog.stockStatusCommitted();
  }

  /**
   * Runs `fn` in the caller's transaction (as a savepoint) or a new one, settling its effects at
   * the end. Only a transaction of our own is known to have committed when this returns.
   */
  async function unitOfWork<T>(tx: DbOrTx | undefined, fn: (t: DbOrTx, fx: Effects) => Promise<T>) {
    const fx = newEffects();
    const out = (await (tx ?? db).transaction(async (t) => {
      const result = await fn(t, fx);
      await settle(t, fx);
      return result;
    })) as T;
    if (!tx) await committed(fx);
    return out;
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

  type RowInput = { warehouseId: string; variantId: string };

  async function restock(input: RowInput & { quantity: number }, ref: StockReference = {}, tx?: DbOrTx) {
    checkQuantity(input.quantity);
    return unitOfWork(tx, async (t, fx) => {
      await getWarehouseRow(t, input.warehouseId);
      const row = (await ensureAndLock(t, input.warehouseId, [input.variantId])).get(input.variantId)!;
      const q = input.quantity;
      return toLevel(await apply(t, row, { type: 'restock', quantity: q, onHand: q }, ref, fx));
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
    return unitOfWork(tx, async (t, fx) => toLevel((await adjustRow(t, input, ref, fx)).after));
  }

  /** The adjust step on its own (also the inventory sync's, row by row): the row before and after. */
  async function adjustRow(
    t: DbOrTx,
    input: RowInput & { set?: number; delta?: number; reason: string },
    ref: StockReference,
    fx: Effects,
  ) {
    await getWarehouseRow(t, input.warehouseId);
    const row = (await ensureAndLock(t, input.warehouseId, [input.variantId])).get(input.variantId)!;
    const target = input.set ?? row.onHand + input.delta!;
    checkResult(row, target);
    if (target === row.onHand) return { before: row, after: row };
    const d = target - row.onHand;
    const after = await apply(
      t,
      row,
      { type: 'adjustment', quantity: d, onHand: d },
      { ...ref, note: input.reason },
      fx,
    );
    return { before: row, after };
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
    return unitOfWork(tx, async (t, fx) => {
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
      const out = await apply(t, from, { type: 'transfer_out', quantity: -q, onHand: -q }, ref, fx);
      const into = await apply(t, to, { type: 'transfer_in', quantity: q, onHand: q }, ref, fx);
      return { from: toLevel(out), to: toLevel(into) };
    });
  }

  /**
   * One change to several rows of a warehouse in one statement (the checkout path: OPS-9), all rows
   * or none. A plain read comes first in the same statement: when it already shows that `guard`
   * fails (a sold-out flash sale), nothing is locked and the answer comes at once instead of after
   * a queue for the row locks. Otherwise the rows are locked in variant order (like every locker:
   * no deadlocks), `guard` is checked again under the locks, and the rows and their movements are
   * written. The alert level is written with the row; `track` notes what the unit of work's end
   * acts on. When a row fails `guard` (or is missing), `refuse` gets each item's row as last read
   * and throws; nothing was written.
   */
  async function changeMany(
    tx: DbOrTx,
    input: Settlement,
    change: (q: number) => StockChange,
    guard: (row: SQL) => SQL,
    refuse: (rows: Map<string, LastRead | undefined>, items: StockItem[]) => Error,
  ) {
    const items = mergeItems(input.items);
    const ref = input.reference ?? {};
    const w = input.warehouseId;
    const values = items.map((i) => {
      const c = change(i.quantity);
      return sql`(${i.variantId}::uuid, ${i.quantity}::int,
        ${c.onHand ?? 0}::int, ${c.reserved ?? 0}::int, ${c.committed ?? 0}::int, ${c.quantity}::int)`;
    });
    const type = change(1).type;
    const [seen, locked] = [sql.raw('seen'), sql.raw('locked')];
    const after = sql`(s.on_hand + v.d_on_hand) - (s.reserved + v.d_reserved)`;
    const { rows } = await tx.execute<{
      variant_id: string;
      on_hand: number | null;
      reserved: number;
      backorder_allowed: boolean;
      low_stock_threshold: number;
      alert_state: AlertLevel;
      changed: boolean;
    }>(sql`
      with v (variant_id, qty, d_on_hand, d_reserved, d_committed, quantity) as (
        values ${sql.join(values, sql`, `)}),
      seen as (
        select s.* from stock_levels s join v on v.variant_id = s.variant_id where s.warehouse_id = ${w}),
      locked as (
        select s.* from stock_levels s join v on v.variant_id = s.variant_id
         where s.warehouse_id = ${w}
           and (select count(*) = ${items.length} and bool_and(${guard(seen)})
                  from seen join v using (variant_id))
         order by s.variant_id
           for update of s),
      changed as (
        update stock_levels s
           set on_hand = s.on_hand + v.d_on_hand,
               reserved = s.reserved + v.d_reserved,
               committed = s.committed + v.d_committed,
               alert_state = (case when ${after} <= 0 then 'out'
                                   when ${after} <= s.low_stock_threshold then 'low'
                                   else 'none' end)::stock_alert_state,
               updated_at = now()
          from v
         where s.warehouse_id = ${w} and s.variant_id = v.variant_id
           and (select count(*) = ${items.length} and bool_and(${guard(locked)})
                  from locked join v using (variant_id))
        returning s.variant_id, s.on_hand, s.reserved),
      moved as (
        insert into stock_movements (warehouse_id, variant_id, type, quantity, on_hand_before,
                                     on_hand_after, reserved_before, reserved_after, reference_type,
                                     reference_id, actor_id, note)
        select ${w}::uuid, c.variant_id, ${type}::stock_movement_type, v.quantity, c.on_hand - v.d_on_hand,
               c.on_hand, c.reserved - v.d_reserved, c.reserved, ${ref.type ?? null}, ${ref.id ?? null},
               ${ref.actorId ?? null}::uuid, ${ref.note ?? null}
          from changed c join v using (variant_id))
      select v.variant_id,
             coalesce(l.on_hand, s.on_hand) as on_hand,
             coalesce(l.reserved, s.reserved) as reserved,
             coalesce(l.backorder_allowed, s.backorder_allowed) as backorder_allowed,
             coalesce(l.low_stock_threshold, s.low_stock_threshold) as low_stock_threshold,
             coalesce(l.alert_state, s.alert_state) as alert_state,
             c.variant_id is not null as changed
        from v
        left join seen s on s.variant_id = v.variant_id
        left join locked l on l.variant_id = v.variant_id
        left join changed c on c.variant_id = v.variant_id`);
    const read = new Map(
      rows.map((r): [string, LastRead | undefined] => [
        r.variant_id,
        r.on_hand === null
          ? undefined
          : {
              onHand: r.on_hand,
              reserved: r.reserved,
              backorderAllowed: r.backorder_allowed,
              lowStockThreshold: r.low_stock_threshold,
              alertState: r.alert_state,
            },
      ]),
    );
    if (!rows.every((r) => r.changed)) throw refuse(read, items);
    const fx = newEffects();
    for (const i of items) {
      const row = read.get(i.variantId)!;
      const c = change(i.quantity);
      track(
        { ...row, warehouseId: w, variantId: i.variantId },
        {
          ...row,
          onHand: row.onHand + (c.onHand ?? 0),
          reserved: row.reserved + (c.reserved ?? 0),
        },
        fx,
      );
    }
    await settle(tx, fx);
  }

  /** Whether a row can take `v.qty` more reserved units: available stock, or backorders allowed. */
  const canReserve = (row: SQL) =>
    sql`(${row}.backorder_allowed or ${row}.on_hand - ${row}.reserved >= v.qty)`;
  /** Whether a row holds `v.qty` reserved units to commit or release. */
  const holdsReserved = (row: SQL) => sql`${row}.reserved >= v.qty`;

  /**
   * Reserves every item or none (checkout). A short item anywhere throws INSUFFICIENT_STOCK listing
   * all short variants, with nothing written.
   */
  const reserve = (tx: DbOrTx, input: Settlement) =>
    changeMany(
      tx,
      input,
      (q) => ({ type: 'reservation', quantity: q, reserved: q }),
      canReserve,
      (rows, items) => {
        const short: Shortage[] = [];
        for (const i of items) {
          const row = rows.get(i.variantId);
          const available = row ? Math.max(0, row.onHand - row.reserved) : 0;
          if (!row || (!row.backorderAllowed && available < i.quantity))
            short.push({ variant_id: i.variantId, requested: i.quantity, available });
        }
        return new InsufficientStockError(short);
      },
    );

  /** Commit and release differ only in their movement: both need the units reserved. */
  const settleReserved = (tx: DbOrTx, input: Settlement, changeFor: (q: number) => StockChange) =>
    changeMany(tx, input, changeFor, holdsReserved, (rows, items) => {
      const short = (i: StockItem) => (rows.get(i.variantId)?.reserved ?? 0) < i.quantity;
      const i = items.find(short)!;
      const reserved = rows.get(i.variantId)?.reserved ?? 0;
      return conflict(
        'NOT_RESERVED',
        `Variant ${i.variantId} has ${reserved} reserved, fewer than ${i.quantity}`,
      );
    });

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

  /**
   * Sold units come back to the shelf (order cancelled after commit, or items returned):
   * on_hand +q, committed −q, one `return` movement each.
   */
  async function returnStock(tx: DbOrTx, input: Settlement) {
    const items = mergeItems(input.items);
    const rows = await ensureAndLock(
      tx,
      input.warehouseId,
      items.map((i) => i.variantId),
    );
    const fx = newEffects();
    const out: StockLevel[] = [];
    for (const i of items) {
      const row = rows.get(i.variantId)!;
      const change: StockChange = {
        type: 'return',
        quantity: i.quantity,
        onHand: i.quantity,
        committed: -Math.min(i.quantity, row.committed),
      };
      out.push(toLevel(await apply(tx, row, change, input.reference ?? {}, fx)));
    }
    await settle(tx, fx);
    return out;
  }

  /** The most any one active store can deliver of each variant: for carts with no location yet. */
  async function availableAnywhere(variantIds: string[], tx: DbOrTx = db) {
    const rows = variantIds.length
      ? await tx
          .select({
            variantId: stockLevels.variantId,
            available: sql<number>`max(greatest(${stockLevels.onHand} - ${stockLevels.reserved}, 0))::int`,
          })
          .from(stockLevels)
          .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
          .where(and(eq(warehouses.isActive, true), inArray(stockLevels.variantId, variantIds)))
          .groupBy(stockLevels.variantId)
      : [];
    const byId = new Map(rows.map((r) => [r.variantId, r.available]));
    return new Map(variantIds.map((id) => [id, byId.get(id) ?? 0]));
  }

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
    const fx = newEffects();
    await db.transaction(async (tx) => {
      for (const [index, r] of rows.entries()) {
        const base = { index, warehouse_id: r.warehouseId, variant_id: r.variantId };
        const rowFx = newEffects();
        try {
          const status = await tx.transaction(async (t) => {
            await getWarehouseRow(t, r.warehouseId);
            const row = (await ensureAndLock(t, r.warehouseId, [r.variantId])).get(r.variantId)!;
            const settings: RowSettings = Object.fromEntries(
              Object.entries({
                lowStockThreshold: r.lowStockThreshold,
                reorderPoint: r.reorderPoint,
                maxLevel: r.maxLevel,
                backorderAllowed: r.backorderAllowed,
                binLocation: r.binLocation,
                unitCostCents: r.unitCostCents,
              }).filter(([k, v]) => v !== undefined && v !== row[k as keyof StockLevelRow]),
            );
            const onHand = r.onHand ?? row.onHand;
            // Checked against the new settings: turning backorders off needs on hand ≥ reserved.
            checkResult({ ...row, ...settings }, onHand);
            if (onHand !== row.onHand) {
              const d = onHand - row.onHand;
              // One statement with the settings, so the row is never briefly in an invalid state.
              await apply(
                t,
                row,
                { type: 'adjustment', quantity: d, onHand: d },
                { ...ref, type: ref.type ?? 'import', note: ref.note ?? 'bulk update' },
                rowFx,
                settings,
              );
              return 'updated' as const;
            }
            if (!Object.keys(settings).length) return 'unchanged' as const;
            await updateSettings(t, row, settings, rowFx);
            return 'updated' as const;
          });
          mergeEffects(fx, rowFx);
          results.push({ ...base, status });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ ...base, status: 'failed', code: err.code, message: err.message });
        }
      }
      await settle(tx, fx);
    });
    await committed(fx);
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

  // ---- low-stock alerts (INV-6) -------------------------------------------------------------

  /**
   * The scheduled check: rows whose level changed without passing through `apply` (a bulk SQL
   * import, a lowered threshold) are brought up to date; those that got worse alert, once. Rows
   * locked right now are skipped: the change holding them settles its own alert.
   */
  async function checkLowStock() {
    return db.transaction(async (tx) => {
      const { rows } = await tx.execute<{
        warehouse_id: string;
        variant_id: string;
        previous: AlertLevel;
        level: AlertLevel;
        available: number;
        threshold: number;
      }>(sql`
        with candidates as (
          select warehouse_id, variant_id, alert_state as previous, ${levelSql} as level
            from stock_levels
           where alert_state <> ${levelSql}
             for update skip locked)
        update stock_levels s set alert_state = c.level
          from candidates c
         where s.warehouse_id = c.warehouse_id and s.variant_id = c.variant_id
        returning s.warehouse_id, s.variant_id, c.previous, c.level,
                  s.on_hand - s.reserved as available, s.low_stock_threshold as threshold`);
      const crossed = rows
        .filter((r) => r.level !== 'none' && rank(r.level) > rank(r.previous))
        .map((r) => ({
          warehouseId: r.warehouse_id,
          variantId: r.variant_id,
          level: r.level as 'low' | 'out',
          available: r.available,
          threshold: r.threshold,
        }));
      await enqueueAlerts(tx, crossed);
      return { updated: rows.length, alerted: crossed.length };
    });
  }

  /** The alert job: one email to each staff member listing the rows (the first 50 in full). */
  async function sendLowStockAlert(rows: AlertRow[]) {
    const to = await deps.staff.staffEmails();
    if (!to.length) return { sent: 0, rows: rows.length };
    const [info, whs] = await Promise.all([
      catalog.describeVariants(rows.map((r) => r.variantId)),
      db
        .select({ id: warehouses.id, code: warehouses.code, name: warehouses.name })
        .from(warehouses)
        .where(inArray(warehouses.id, [...new Set(rows.map((r) => r.warehouseId))])),
    ]);
    const whById = new Map(whs.map((w) => [w.id, w]));
    const outCount = rows.filter((r) => r.level === 'out').length;
    const lines = rows.slice(0, 50).map((r) => {
      const v = info.get(r.variantId);
      const what = v
        ? `${v.productName}${v.variantName !== v.productName ? ` (${v.variantName})` : ''}, SKU ${v.sku}`
        : `variant ${r.variantId}`;
      const where = whById.get(r.warehouseId)?.code ?? r.warehouseId;
      return r.level === 'out'
        ? `Out of stock: ${what} at ${where} (${r.available} available).`
        : `Low stock: ${what} at ${where}, ${r.available} available (threshold ${r.threshold}).`;
    });
    if (rows.length > lines.length) lines.push(`…and ${rows.length - lines.length} more.`);
    const subject =
      rows.length === 1
        ? `${outCount ? 'Out of stock' : 'Low stock'}: ${info.get(rows[0]!.variantId)?.sku ?? 'an item'} at ${whById.get(rows[0]!.warehouseId)?.code ?? 'a store'}`
        : `Low stock: ${rows.length} items (${outCount} out of stock)`;
    await db.transaction(async (tx) => {
      for (const address of to)
        await sendEmail(tx, {
          to: address,
          subject,
          template: 'inventory_low_stock',
          content: {
            heading: subject,
            paragraphs: ['These items just fell to or below their low-stock threshold:', ...lines],
            footer:
              'You receive this because you are staff on Cartwheel. The full list is at GET /api/v1/admin/inventory/low-stock.',
          },
        });
    });
    return { sent: to.length, rows: rows.length };
  }

  /** The catalog's stock status for these variants' products (all stocked variants when omitted), e.g. after the demo seed. */
  async function syncStockStatus(variantIds?: string[]) {
    const ids =
      variantIds ??
      (await db.selectDistinct({ id: stockLevels.variantId }).from(stockLevels)).map((r) => r.id);
    let changed = 0;
    // A transaction per chunk: a whole catalog's products are never locked at once.
    for (let i = 0; i < ids.length; i += 1000) {
      const fx = newEffects();
      await db.transaction(async (tx) => {
        const products = await catalog.setStockStatus(tx, ids.slice(i, i + 1000), (v) =>
          sellableVariants(tx, v),
        );
        changed += products.length;
        fx.productsChanged = products.length > 0;
      });
      await committed(fx);
    }
    return { changed };
  }

  // ---- inventory sync (INV-7) ----------------------------------------------------------------

  /**
   * Starts a sync from an uploaded feed (parsed now, so an unreadable file is refused at once) or
   * from a URL on an allowed host (fetched by the job). Returns the job id.
   */
  async function startSync(
    actor: Pick<Actor, 'id'>,
    input: { file: { bytes: Buffer; filename?: string; contentType?: string } } | { url: string },
  ) {
    let source: SyncSource;
    let stored: string | undefined;
    if ('url' in input) {
      source = { kind: 'url', url: checkFeedUrl(input.url, deps.syncAllowedHosts).toString() };
    } else {
      const { bytes, filename, contentType } = input.file;
      if (bytes.length > MAX_FEED_BYTES) throw feedTooLarge();
      const format = feedFormat(bytes, { filename, contentType });
      let rows: unknown[];
      try {
        rows = parseFeed(bytes, format);
      } catch (err) {
        if (err instanceof FeedError)
          throw unprocessable('INVALID_FEED', err.message, [{ field: 'body.file', message: err.message }]);
        throw err;
      }
      stored = `inventory-feeds/${randomUUID()}.json`;
      await deps.storage.put(stored, JSON.stringify(rows));
      source = { kind: 'file', key: stored, format, filename: filename?.slice(0, 200) || null };
    }
    try {
      return await db.transaction((tx) => enqueue(tx, syncJob, { source }, { userId: actor.id }));
    } catch (err) {
      if (stored) await deps.storage.remove(stored).catch(() => {});
      throw err;
    }
  }

  /** The sync job: reads the feed, reconciles it, and returns the discrepancy report (its result). */
  async function runSync(source: SyncSource, ctx: Pick<JobContext, 'jobId' | 'userId' | 'progress'>) {
    await ctx.progress(1, 'Reading the feed');
    let raw: unknown[];
    let format: FeedFormat;
    if (source.kind === 'file') {
      raw = JSON.parse(await readText(await deps.storage.read(source.key))) as unknown[];
      format = source.format;
    } else {
      // Checked again: the allow-list may have changed since the request.
      const url = checkFeedUrl(source.url, deps.syncAllowedHosts, 'url');
      const doc = await fetchFeed(url);
      format = feedFormat(doc.bytes, doc);
      raw = parseFeed(doc.bytes, format);
    }
    const report = await reconcile(raw, { type: 'import', id: ctx.jobId, actorId: ctx.userId }, ctx.progress);
    if (source.kind === 'file') await deps.storage.remove(source.key).catch(() => {});
    return {
      source:
        source.kind === 'url'
          ? { kind: 'url' as const, url: source.url, format }
          : { kind: 'file' as const, filename: source.filename, format },
      ...report,
    };
  }

  /**
   * Sets each counted row through the adjust path (reference: import + job id), 200 rows per
   * transaction, each row on its own savepoint: a refused row is reported, not fatal. Counts are
   * absolute, so a retried job converges to the same stock.
   */
  async function reconcile(
    raw: unknown[],
    ref: StockReference,
    progress: (percent: number, message?: string) => Promise<void>,
  ) {
    const schema = feedRowSchema(MAX_QUANTITY);
    const report: SyncReportRow[] = [];
    const base = (i: number, r: unknown) => {
      const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
      const str = (v: unknown) =>
        typeof v === 'string' ? v.trim().slice(0, 64) || null : typeof v === 'number' ? String(v) : null;
      return {
        row: i + 1,
        warehouse_code: str(o.warehouse_code),
        sku: str(o.sku),
        variant_id: null,
        expected: null,
        counted: null,
        delta: null,
      };
    };
    const valid: { index: number; warehouseCode: string; sku: string; counted: number }[] = [];
    raw.forEach((r, i) => {
      const parsed = r && typeof r === 'object' && !Array.isArray(r) ? schema.safeParse(r) : undefined;
      if (parsed?.success)
        valid.push({
          index: i,
          warehouseCode: parsed.data.warehouse_code,
          sku: parsed.data.sku,
          counted: parsed.data.on_hand,
        });
      else
        report[i] = {
          ...base(i, r),
          status: 'invalid',
          errors: parsed
            ? parsed.error.issues.map((e) => ({ field: e.path.join('.') || 'row', message: e.message }))
            : [{ field: 'row', message: 'Must be an object with warehouse_code, sku and on_hand' }],
        };
    });

    const whByCode = new Map(
      (await db.select({ id: warehouses.id, code: warehouses.code }).from(warehouses)).map((w) => [
        w.code,
        w.id,
      ]),
    );
    const variantBySku = new Map<string, string>();
    const skus = [...new Set(valid.map((v) => v.sku.toLowerCase()))];
    for (let i = 0; i < skus.length; i += 1000)
      for (const [k, v] of await catalog.variantIdsBySku(skus.slice(i, i + 1000))) variantBySku.set(k, v);

    const work: { index: number; warehouseId: string; variantId: string; counted: number }[] = [];
    const seen = new Set<string>();
    for (const v of valid) {
      const row = {
        ...base(v.index, raw[v.index]),
        warehouse_code: v.warehouseCode,
        sku: v.sku,
        counted: v.counted,
      };
      const warehouseId = whByCode.get(v.warehouseCode);
      const variantId = variantBySku.get(v.sku.toLowerCase());
      if (!warehouseId) {
        report[v.index] = {
          ...row,
          status: 'unknown_warehouse',
          errors: [{ field: 'warehouse_code', message: `No warehouse "${v.warehouseCode}"` }],
        };
      } else if (!variantId) {
        report[v.index] = {
          ...row,
          status: 'unknown_sku',
          errors: [{ field: 'sku', message: `No variant with SKU "${v.sku}"` }],
        };
      } else if (seen.has(`${warehouseId}:${variantId}`)) {
        report[v.index] = {
          ...row,
          variant_id: variantId,
          status: 'invalid',
          errors: [{ field: 'row', message: 'Duplicate of an earlier row for this warehouse and SKU' }],
        };
      } else {
        seen.add(`${warehouseId}:${variantId}`);
        work.push({ index: v.index, warehouseId, variantId, counted: v.counted });
      }
    }

    await progress(5, `Reconciling ${work.length} of ${raw.length} rows`);
    for (let i = 0; i < work.length; i += 200) {
      const fx = newEffects();
      await db.transaction(async (tx) => {
        for (const w of work.slice(i, i + 200)) {
          const row = { ...base(w.index, raw[w.index]), variant_id: w.variantId, counted: w.counted };
          const rowFx = newEffects();
          try {
            const { before } = await tx.transaction((t) =>
              adjustRow(
                t,
                {
                  warehouseId: w.warehouseId,
                  variantId: w.variantId,
                  set: w.counted,
                  reason: 'inventory sync',
                },
                ref,
                rowFx,
              ),
            );
            mergeEffects(fx, rowFx);
            const delta = w.counted - before.onHand;
            report[w.index] = {
              ...row,
              expected: before.onHand,
              delta,
              status: delta ? 'adjusted' : 'unchanged',
              errors: [],
            };
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            report[w.index] = {
              ...row,
              status: 'failed',
              errors: [{ field: 'on_hand', message: `${err.code}: ${err.message}` }],
            };
          }
        }
        await settle(tx, fx);
      });
      await committed(fx);
      const done = Math.min(i + 200, work.length);
      await progress(5 + Math.floor((94 * done) / work.length), `Reconciled ${done} of ${work.length} rows`);
    }

    const countOf = (s: SyncRowStatus) => report.filter((r) => r.status === s).length;
    const matched = report.filter((r) => r.expected !== null);
    const sum = (f: (r: SyncReportRow) => number) => matched.reduce((n, r) => n + f(r), 0);
    return {
      totals: {
        rows: raw.length,
        adjusted: countOf('adjusted'),
        unchanged: countOf('unchanged'),
        invalid: countOf('invalid'),
        unknown_sku: countOf('unknown_sku'),
        unknown_warehouse: countOf('unknown_warehouse'),
        failed: countOf('failed'),
        units_expected: sum((r) => r.expected!),
        units_counted: sum((r) => r.counted!),
        units_added: sum((r) => Math.max(r.delta!, 0)),
        units_removed: sum((r) => Math.max(-r.delta!, 0)),
      },
      rows: report,
    };
  }

  /** A sync job's state and, once completed, its discrepancy report. */
  async function getSync(jobId: string) {
    const job = await getJob(db, jobId);
    if (!job || job.type !== syncJob.name) throw notFound('Inventory sync');
    return {
      id: job.id,
      status: job.status,
      title: job.title,
      progress: job.progress,
      progress_message: job.progressMessage,
      attempts: job.attempts,
      error: job.error,
      created_by: job.userId,
      created_at: job.createdAt.toISOString(),
      started_at: job.startedAt?.toISOString() ?? null,
      finished_at: job.finishedAt?.toISOString() ?? null,
      report: job.status === 'completed' ? (job.result as SyncReport) : null,
    };
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
    returnStock,
    availability,
    availableAnywhere,
    bulkSet,
    listStock,
    movements,
    /** One keyset page of stock rows by (warehouse, variant), for data exports (JOB-8). */
    stockExportPage: async (after: { warehouseId: string; variantId: string } | null, limit: number) =>
      (
        await db
          .select()
          .from(stockLevels)
          .where(
            after
              ? sql`(${stockLevels.warehouseId}, ${stockLevels.variantId}) > (${after.warehouseId}::uuid, ${after.variantId}::uuid)`
              : undefined,
          )
          .orderBy(asc(stockLevels.warehouseId), asc(stockLevels.variantId))
          .limit(limit)
      ).map(toLevel),
    ...createInventoryReports(db, catalog),
    checkLowStock,
    sendLowStockAlert,
    syncStockStatus,
    startSync,
    runSync,
    getSync,
  };
}

export const feedTooLarge = () =>
  new AppError(413, 'FILE_TOO_LARGE', `The feed is larger than ${MAX_FEED_BYTES / (1024 * 1024)} MiB`, [
    { field: 'body.file', message: `at most ${MAX_FEED_BYTES} bytes` },
  ]);

export type SyncReport = Awaited<ReturnType<InventoryService['runSync']>>;

export type InventoryService = ReturnType<typeof createInventoryService>;
