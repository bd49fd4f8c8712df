import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth.js';
import { problemResponses, secured } from '../../platform/http.js';
import { pageQuery, pageSchema } from '../../platform/pagination.js';
import {
  ALERT_LEVELS,
  MAX_QUANTITY,
  MAX_UNIT_COST_CENTS,
  MOVEMENT_TYPES,
  type InventoryService,
} from './service.js';
import { syncRoutes } from './sync.routes.js';

// ---- schemas ------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const quantity = z
  .number()
  .int('Must be a whole number')
  .min(1, 'Must be at least 1')
  .max(MAX_QUANTITY, `At most ${MAX_QUANTITY}`);
const count = z.number().int('Must be a whole number').min(0).max(MAX_QUANTITY);
const idParam = z.object({ id: z.uuid('Must be a UUID') });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const address = z.strictObject({
  line1: text(200),
  city: text(100),
  postal_code: text(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'),
});
const openingHours = z.partialRecord(z.enum(DAYS), z.tuple([hhmm, hhmm]));

const warehouse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  address: z.object({ line1: z.string(), city: z.string(), postal_code: z.string(), country: z.string() }),
  is_active: z.boolean(),
  service_postal_codes: z.array(z.string()),
  opening_hours: z.partialRecord(z.string(), z.tuple([z.string(), z.string()])),
  base_eta_minutes: z.number().int(),
  pick_minutes_per_item: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

const warehouseBody = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Letters, digits, "_" and "-"'),
  name: text(120),
  address,
  is_active: z.boolean().optional(),
  service_postal_codes: z.array(text(20)).max(10_000).optional(),
  opening_hours: openingHours.optional(),
  base_eta_minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  pick_minutes_per_item: z.number().min(0).max(60).optional(),
});
type WarehouseBody = z.infer<typeof warehouseBody>;
const toWarehouseInput = (b: Partial<WarehouseBody>) => ({
  code: b.code!,
  name: b.name!,
  address: b.address!,
  isActive: b.is_active,
  servicePostalCodes: b.service_postal_codes,
  openingHours: b.opening_hours,
  baseEtaMinutes: b.base_eta_minutes,
  pickMinutesPerItem: b.pick_minutes_per_item,
});

const stockLevel = z.object({
  warehouse_id: z.uuid(),
  variant_id: z.uuid(),
  on_hand: z.number().int(),
  reserved: z.number().int(),
  committed: z.number().int(),
  available: z.number().int(),
  low_stock_threshold: z.number().int(),
  reorder_point: z.number().int(),
  max_level: z.number().int().nullable(),
  backorder_allowed: z.boolean(),
  bin_location: z.string().nullable(),
  unit_cost_cents: z.number().int().nullable().describe('Purchase cost per unit, for value at cost'),
  alert_state: z.enum(ALERT_LEVELS).describe('The last low-stock level staff were alerted about'),
  updated_at: z.string(),
});

const movement = z.object({
  id: z.uuid(),
  warehouse_id: z.uuid(),
  variant_id: z.uuid(),
  type: z.enum(MOVEMENT_TYPES),
  quantity: z.number().int(),
  on_hand_before: z.number().int(),
  on_hand_after: z.number().int(),
  reserved_before: z.number().int(),
  reserved_after: z.number().int(),
  reference_type: z.string().nullable(),
  reference_id: z.string().nullable(),
  actor_id: z.uuid().nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
});

const rowBody = { warehouse_id: z.uuid(), variant_id: z.uuid() };
const restockBody = z.strictObject({ ...rowBody, quantity, note: text(500).optional() });
const adjustBody = z
  .strictObject({
    ...rowBody,
    set: count.optional(),
    delta: z
      .number()
      .int('Must be a whole number')
      .min(-MAX_QUANTITY)
      .max(MAX_QUANTITY)
      .refine((d) => d !== 0, 'Must not be 0')
      .optional(),
    reason: text(500),
  })
  .refine((b) => (b.set === undefined) !== (b.delta === undefined), {
    message: 'Give exactly one of `set` and `delta`',
    path: ['set'],
  });
const transferBody = z.strictObject({
  from_warehouse_id: z.uuid(),
  to_warehouse_id: z.uuid(),
  variant_id: z.uuid(),
  quantity,
  note: text(500).optional(),
});
const bulkBody = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        ...rowBody,
        on_hand: count.optional(),
        low_stock_threshold: count.optional(),
        reorder_point: count.optional(),
        max_level: count.nullish(),
        backorder_allowed: z.boolean().optional(),
        bin_location: z.string().trim().max(40).nullish(),
        unit_cost_cents: z
          .number()
          .int('Must be a whole number')
          .min(0)
          .max(MAX_UNIT_COST_CENTS, `At most ${MAX_UNIT_COST_CENTS}`)
          .nullish(),
      }),
    )
    .min(1)
    .max(1000),
});
const bulkReport = z.object({
  results: z.array(
    z.object({
      index: z.number().int(),
      warehouse_id: z.string(),
      variant_id: z.string(),
      status: z.enum(['updated', 'unchanged', 'failed']),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
});

const lowStockItem = z.object({
  warehouse_id: z.uuid(),
  warehouse_code: z.string(),
  variant_id: z.uuid(),
  sku: z.string().nullable().describe('null when the variant is not in the catalog'),
  product_id: z.uuid().nullable(),
  product_name: z.string().nullable(),
  variant_name: z.string().nullable(),
  on_hand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  low_stock_threshold: z.number().int(),
  reorder_point: z.number().int(),
  backorder_allowed: z.boolean(),
  level: z.enum(['low', 'out']).describe('out: nothing available; low: at or below the threshold'),
  alert_state: z.enum(ALERT_LEVELS),
  updated_at: z.string(),
});

const breakdown = {
  sku_rows: z.number().int().describe('Stock rows (variant × warehouse)'),
  skus: z.number().int().describe('Distinct variants'),
  on_hand: z.number().int(),
  reserved: z.number().int(),
  committed: z.number().int(),
  available: z.number().int().describe('Σ max(on hand − reserved, 0)'),
  low_stock_count: z.number().int().describe('Rows with 0 < available ≤ threshold'),
  out_of_stock_count: z.number().int().describe('Rows with nothing available'),
  value: z
    .array(
      z.object({
        currency: z.string(),
        at_price_cents: z.number().int().describe('Units on hand × current selling price'),
        at_cost_cents: z.number().int().describe('Units on hand × unit cost, rows with a cost only'),
      }),
    )
    .describe('Per currency'),
  rows_without_cost: z.number().int().describe('Rows with units on hand but no unit cost'),
  rows_without_price: z
    .number()
    .int()
    .describe('Rows with units on hand whose variant the catalog does not know'),
};
const summarySchema = z.object({
  warehouse_id: z.uuid().nullable(),
  totals: z.object(breakdown),
  warehouses: z.array(
    z.object({
      warehouse_id: z.uuid(),
      code: z.string(),
      name: z.string(),
      is_active: z.boolean(),
      ...breakdown,
    }),
  ),
});

const tags = ['inventory'];
const adminTags = ['inventory (admin)'];

// ---- routes -------------------------------------------------------------------------------

export const inventoryRoutes: FastifyPluginAsyncZod<{ inventory: InventoryService }> = async (
  app,
  { inventory },
) => {
  const staff = app.requireRole('staff', 'admin');
  const userRef = (actorId: string, note?: string) => ({ type: 'user' as const, actorId, note });

  app.get(
    '/stores/resolve',
    {
      schema: {
        tags,
        summary: 'The dark store serving a postal code, with the delivery ETA',
        querystring: z.object({ postal_code: text(20) }),
        response: {
          200: z.object({ warehouse: warehouse, postal_code: z.string(), eta_minutes: z.number().int() }),
          ...problemResponses(404, 422),
        },
      },
    },
    async (req) => inventory.resolveStore(req.query.postal_code),
  );

  app.get(
    '/admin/warehouses',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'All warehouses (dark stores), inactive included',
        security: secured,
        response: { 200: z.array(warehouse), ...problemResponses(401, 403) },
      },
    },
    async () => inventory.warehouses.list(),
  );

  app.post(
    '/admin/warehouses',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Create a warehouse; postal codes are stored upper-case without spaces',
        security: secured,
        body: warehouseBody,
        response: { 201: warehouse, ...problemResponses(401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inventory.warehouses.create(toWarehouseInput(req.body))),
  );

  app.patch(
    '/admin/warehouses/:id',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Change a warehouse (deactivating it stops it serving its area)',
        security: secured,
        params: idParam,
        body: warehouseBody.partial(),
        response: { 200: warehouse, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => inventory.warehouses.update(req.params.id, toWarehouseInput(req.body)),
  );

  app.get(
    '/admin/inventory',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Stock levels with available; low_stock=true keeps those at or below threshold',
        security: secured,
        querystring: z.object({
          warehouse_id: z.uuid().optional(),
          low_stock: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(stockLevel), ...problemResponses(401, 403, 422) },
      },
    },
    async (req) =>
      inventory.listStock({ warehouseId: req.query.warehouse_id, lowStock: req.query.low_stock }, req.query),
  );

  app.post(
    '/admin/inventory/restock',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Add received units to on hand (a restock movement)',
        security: secured,
        body: restockBody,
        response: { 200: stockLevel, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => {
      const b = req.body;
      return inventory.restock(
        { warehouseId: b.warehouse_id, variantId: b.variant_id, quantity: b.quantity },
        userRef(actorOf(req).id, b.note),
      );
    },
  );

  app.post(
    '/admin/inventory/adjust',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Set on hand to a count, or move it by a delta, with a reason',
        security: secured,
        body: adjustBody,
        response: { 200: stockLevel, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const b = req.body;
      return inventory.adjust(
        {
          warehouseId: b.warehouse_id,
          variantId: b.variant_id,
          set: b.set,
          delta: b.delta,
          reason: b.reason,
        },
        userRef(actorOf(req).id),
      );
    },
  );

  app.post(
    '/admin/inventory/transfer',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Move units between warehouses atomically',
        security: secured,
        body: transferBody,
        response: {
          200: z.object({ from: stockLevel, to: stockLevel }),
          ...problemResponses(401, 403, 404, 409, 422),
        },
      },
    },
    async (req) => {
      const b = req.body;
      return inventory.transfer(
        {
          fromWarehouseId: b.from_warehouse_id,
          toWarehouseId: b.to_warehouse_id,
          variantId: b.variant_id,
          quantity: b.quantity,
        },
        userRef(actorOf(req).id, b.note),
      );
    },
  );

  app.post(
    '/admin/inventory/bulk',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Update many stock rows; each row is applied or refused on its own (per-row report)',
        security: secured,
        body: bulkBody,
        response: { 200: bulkReport, ...problemResponses(401, 403, 422) },
      },
    },
    async (req) =>
      inventory.bulkSet(
        req.body.rows.map((r) => ({
          warehouseId: r.warehouse_id,
          variantId: r.variant_id,
          onHand: r.on_hand,
          lowStockThreshold: r.low_stock_threshold,
          reorderPoint: r.reorder_point,
          maxLevel: r.max_level,
          backorderAllowed: r.backorder_allowed,
          binLocation: r.bin_location,
          unitCostCents: r.unit_cost_cents,
        })),
        { type: 'user', actorId: actorOf(req).id, note: 'bulk update' },
      ),
  );

  app.get(
    '/admin/inventory/low-stock',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Stock rows at or below their low-stock threshold, out of stock first',
        description:
          'Computed on each request (INV-6). `level=out` keeps rows with nothing available, `level=low` the rest. Staff are also emailed once per crossing.',
        security: secured,
        querystring: z.object({
          warehouse_id: z.uuid('Must be a UUID').optional(),
          level: z.enum(['low', 'out']).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(lowStockItem), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) =>
      inventory.lowStock({ warehouseId: req.query.warehouse_id, level: req.query.level }, req.query),
  );

  app.get(
    '/admin/inventory/summary',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Stock summary: units, value at price and cost, low and out-of-stock counts, per warehouse',
        security: secured,
        querystring: z.object({ warehouse_id: z.uuid('Must be a UUID').optional() }),
        response: { 200: summarySchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => inventory.summary({ warehouseId: req.query.warehouse_id }),
  );

  await app.register(syncRoutes, { inventory });

  app.get(
    '/admin/inventory/movements',
    {
      preHandler: staff,
      schema: {
        tags: adminTags,
        summary: 'Movement history (the ledger), newest first',
        security: secured,
        querystring: z.object({
          warehouse_id: z.uuid().optional(),
          variant_id: z.uuid().optional(),
          type: z.enum(MOVEMENT_TYPES).optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(movement), ...problemResponses(401, 403, 422) },
      },
    },
    async (req) =>
      inventory.movements(
        { warehouseId: req.query.warehouse_id, variantId: req.query.variant_id, type: req.query.type },
        req.query,
      ),
  );
};
