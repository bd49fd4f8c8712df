import { and, asc, count, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import type { Db, DbOrTx } from '../../platform/db.js';
import { AppError, conflict, notFound, unauthorized, unprocessable } from '../../platform/errors.js';
import { publish } from '../../platform/events.js';
import type { SalePort, SaleVariant } from '../catalog/index.js';
import type { InventoryService } from '../inventory/index.js';
import { createCouponService, createTaxRateService, type CouponProblem } from './coupons.js';
import { priceLines, type Totals } from './pricing.js';
import { cartItems, carts, type CartItemRow, type CartRow, type CouponRow } from './schema.js';

/** Per line; a quick-commerce basket, not a wholesale order. */
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 100;

/** Who is asking: a signed-in user (maybe also holding a guest token to merge) or a guest. */
export type CartOwner = { userId: string; guestToken?: string } | { userId?: undefined; guestToken: string };

export const cartTopic = (cartId: string) => `cart:${cartId}`;

export type QuoteLine = { variantId: string; quantity: number };

/**
 * What a cart change already read and the cart view needs too, so the view does not read it again
 * (add to cart: OPS-9). `available` must be keyed as the view keys it (the store's, or anywhere).
 */
type ViewReads = {
  items?: CartItemRow[];
  store?: Awaited<ReturnType<InventoryService['warehouses']['get']>> | null;
  variants?: Map<string, SaleVariant>;
  available?: Map<string, number>;
};

export function createCartService(deps: {
  db: Db;
  sale: SalePort;
  inventory: InventoryService;
  fees: Config['deliveryFees'];
}) {
  const { db, sale, inventory } = deps;
  const coupons = createCouponService(db);
  const taxRates = createTaxRateService(db);

  // ---- finding the cart ----------------------------------------------------------------------

  /** The user's cart, created if missing; `lock`: also locked and marked changed, in one statement. */
  async function userCart(tx: DbOrTx, userId: string, lock: boolean) {
    if (lock) {
      const [row] = await tx
        .insert(carts)
        .values({ userId })
        .onConflictDoUpdate({ target: carts.userId, set: { updatedAt: new Date() } })
        .returning();
      return row!;
    }
    await tx.insert(carts).values({ userId }).onConflictDoNothing();
    const [row] = await tx.select().from(carts).where(eq(carts.userId, userId));
    return row!;
  }

  /** The guest cart of a token; `lock`: also locked and marked changed, in one statement. */
  async function guestCart(tx: DbOrTx, token: string, lock: boolean) {
    const where = eq(carts.guestTokenHash, sha256(token));
    const [row] = lock
      ? await tx.update(carts).set({ updatedAt: new Date() }).where(where).returning()
      : await tx.select().from(carts).where(where);
    return row;
  }

  /**
   * The owner's cart, locked when `lock` (mutations serialise per cart, and a locked cart is marked
   * changed). A signed-in request that still carries a guest token first folds that guest cart into
   * the user's (CART-4).
   */
  async function cartOf(tx: DbOrTx, owner: CartOwner, lock: boolean): Promise<CartRow> {
    if (owner.userId) {
      const cart = await userCart(tx, owner.userId, lock || !!owner.guestToken);
      if (owner.guestToken) return mergeGuest(tx, cart, owner.guestToken);
      return cart;
    }
    const cart = owner.guestToken ? await guestCart(tx, owner.guestToken, lock) : undefined;
    if (!cart) throw notFound('Cart');
    return cart;
  }

  /** Quantities summed and capped by what the user's store (or any store) can deliver. */
  async function mergeGuest(tx: DbOrTx, userCartRow: CartRow, token: string): Promise<CartRow> {
    const guest = await guestCart(tx, token, true);
    if (!guest) return userCartRow; // already merged, or expired: nothing to do
    const guestItems = await itemsOf(tx, guest.id);
    const ownItems = await itemsOf(tx, userCartRow.id);
    const merged = new Map(ownItems.map((i) => [i.variantId, i.quantity]));
    for (const g of guestItems) merged.set(g.variantId, (merged.get(g.variantId) ?? 0) + g.quantity);
    const warehouseId = userCartRow.warehouseId ?? guest.warehouseId;
    const ids = [...merged.keys()];
    const available = await availableFor(tx, warehouseId, ids);
    for (const g of guestItems) {
      const wanted = Math.min(merged.get(g.variantId)!, MAX_LINE_QUANTITY);
      const quantity = Math.min(wanted, Math.max(available.get(g.variantId) ?? 0, 0));
      if (quantity < 1) continue;
      await tx
        .insert(cartItems)
        .values({ cartId: userCartRow.id, variantId: g.variantId, quantity })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.variantId],
          set: { quantity, updatedAt: new Date() },
        });
    }
    await tx.delete(carts).where(eq(carts.id, guest.id));
    const [updated] = await tx
      .update(carts)
      .set({
        postalCode: userCartRow.postalCode ?? guest.postalCode,
        warehouseId,
        couponCode: userCartRow.couponCode ?? guest.couponCode,
        updatedAt: new Date(),
      })
      .where(eq(carts.id, userCartRow.id))
      .returning();
    await publish(tx, { topic: cartTopic(userCartRow.id), type: 'changed' });
    return updated!;
  }

  const itemsOf = (tx: DbOrTx, cartId: string) =>
    tx.select().from(cartItems).where(eq(cartItems.cartId, cartId)).orderBy(asc(cartItems.createdAt));

  /** What can be delivered per variant: from the cart's store, or the best store before one is chosen. */
  async function availableFor(tx: DbOrTx, warehouseId: string | null, variantIds: string[]) {
    if (!warehouseId) return inventory.availableAnywhere(variantIds, tx);
    const rows = await inventory.availability(warehouseId, variantIds, tx);
    return new Map(rows.map((r) => [r.variant_id, r.backorder_allowed ? MAX_LINE_QUANTITY : r.available]));
  }

  // ---- pricing (shared with checkout) -----------------------------------------------------------

  /**
   * Prices lines with the one pricing function. Lines whose variant cannot be sold are left out of
   * the totals (the caller decides whether that is a warning or an error). A coupon that does not
   * apply contributes nothing and is reported with its problem.
   */
  async function quote(
    tx: DbOrTx,
    input: {
      lines: QuoteLine[];
      couponCode: string | null;
      userId: string | null;
      country: string | null;
      /** The lines' variants, when the caller already read them. */
      variants?: Map<string, SaleVariant>;
    },
  ) {
    const variants =
      input.variants ??
      (await sale.variants(
        input.lines.map((l) => l.variantId),
        tx,
      ));
    const sellable = input.lines.filter((l) => variants.get(l.variantId)?.purchasable);
    const subtotal = sellable.reduce((s, l) => s + variants.get(l.variantId)!.unitPriceCents * l.quantity, 0);
    let coupon: CouponRow | undefined;
    let couponProblem: CouponProblem | null = null;
    if (input.couponCode) {
      const evaluated = await coupons.evaluate(tx, input.couponCode, {
        subtotalCents: subtotal,
        userId: input.userId,
      });
      coupon = evaluated.coupon;
      couponProblem = evaluated.problem;
    }
    const priced = priceLines({
      lines: sellable.map((l) => {
        const v = variants.get(l.variantId)!;
        return {
          key: l.variantId,
          unitPriceCents: v.unitPriceCents,
          quantity: l.quantity,
          categoryId: v.categoryId,
        };
      }),
      coupon: coupon && !couponProblem ? coupon : null,
      taxRules: await taxRates.rulesFor(input.country, tx),
      fees: deps.fees,
    });
    const currency = variants.values().next().value?.currency ?? 'USD';
    return {
      variants,
      lines: new Map(priced.lines.map((l) => [l.key, l])),
      totals: { ...priced.totals, currency } as Totals & { currency: string },
      coupon: coupon ?? null,
      couponProblem,
    };
  }

  // ---- the cart response ----------------------------------------------------------------------

  async function storeOf(tx: DbOrTx, warehouseId: string | null) {
    if (!warehouseId) return null;
    return inventory.warehouses.get(warehouseId, tx).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
  }

  async function view(tx: DbOrTx, cart: CartRow, known: ViewReads = {}) {
    const items = known.items ?? (await itemsOf(tx, cart.id));
    const store = known.store !== undefined ? known.store : await storeOf(tx, cart.warehouseId);
    const q = await quote(tx, {
      lines: items,
      couponCode: cart.couponCode,
      userId: cart.userId,
      country: store?.address.country ?? null,
      variants: known.variants,
    });
    const available =
      known.available ??
      (await availableFor(
        tx,
        store ? cart.warehouseId : null,
        items.map((i) => i.variantId),
      ));
    const quantity = items.reduce((s, i) => s + i.quantity, 0);
    return {
      id: cart.id,
      postal_code: cart.postalCode,
      store: store
        ? {
            id: store.id,
            code: store.code,
            name: store.name,
            eta_minutes: store.base_eta_minutes + Math.ceil(store.pick_minutes_per_item * quantity),
          }
        : null,
      items: items.map((i) => {
        const v = q.variants.get(i.variantId);
        const line = q.lines.get(i.variantId);
        const avail = available.get(i.variantId) ?? 0;
        return {
          id: i.id,
          variant_id: i.variantId,
          product_id: v?.productId ?? null,
          product_slug: v?.productSlug ?? null,
          name: v?.productName ?? 'Unavailable product',
          variant_name: v?.variantName ?? null,
          sku: v?.sku ?? null,
          image_url: v?.imageUrl ?? null,
          unit: v?.unit ?? null,
          unit_price_cents: v?.unitPriceCents ?? 0,
          compare_at_price_cents: v?.compareAtPriceCents ?? null,
          quantity: i.quantity,
          line_subtotal_cents: line?.lineSubtotalCents ?? 0,
          available: avail,
          warning: warningFor(v, i.quantity, avail),
        };
      }),
      coupon: cart.couponCode
        ? {
            code: q.coupon?.code ?? cart.couponCode,
            description: q.coupon?.description ?? null,
            discount_cents: q.totals.discount_cents,
            problem: q.couponProblem?.[1] ?? null,
          }
        : null,
      totals: q.totals,
      item_count: items.length,
      quantity,
      updated_at: cart.updatedAt.toISOString(),
    };
  }

  function warningFor(v: SaleVariant | undefined, quantity: number, available: number) {
    if (!v?.purchasable) return { code: 'UNAVAILABLE', message: 'This product is no longer sold' };
    if (available <= 0) return { code: 'OUT_OF_STOCK', message: 'Out of stock at your store' };
    if (available < quantity) return { code: 'INSUFFICIENT_STOCK', message: `Only ${available} available` };
    return null;
  }

  // ---- mutations --------------------------------------------------------------------------------

  /**
   * Runs a change on the locked (and so bumped) cart, tells live sessions, returns the new view. A
   * change may hand the view what it read (`known`) and returns the cart's own fields it changes.
   */
  async function mutate(
    owner: CartOwner,
    change: (tx: DbOrTx, cart: CartRow, known: ViewReads) => Promise<Partial<CartRow> | void>,
  ) {
    return db.transaction(async (tx) => {
      const cart = await cartOf(tx, owner, true);
      const known: ViewReads = {};
      const patch = (await change(tx, cart, known)) ?? {};
      const [updated] = Object.keys(patch).length
        ? await tx.update(carts).set(patch).where(eq(carts.id, cart.id)).returning()
        : [cart];
      await publish(tx, { topic: cartTopic(cart.id), type: 'changed' });
      return view(tx, updated!, known);
    });
  }

  const checkQuantity = (q: number, field = 'quantity', min = 1) => {
    if (!Number.isInteger(q) || q < min || q > MAX_LINE_QUANTITY)
      throw unprocessable(
        'INVALID_QUANTITY',
        `Quantity must be a whole number from ${min} to ${MAX_LINE_QUANTITY}`,
        [{ field, message: `from ${min} to ${MAX_LINE_QUANTITY}` }],
      );
  };

  /** CART-3: the variant is on sale and the store can deliver `quantity` of it. */
  async function checkSellable(tx: DbOrTx, cart: CartRow, variantId: string, quantity: number) {
    const v = (await sale.variants([variantId], tx)).get(variantId);
    const available = (await availableFor(tx, cart.warehouseId, [variantId])).get(variantId) ?? 0;
    assertSellable(v, variantId, quantity, available);
  }

  function assertSellable(
    v: SaleVariant | undefined,
    variantId: string,
    quantity: number,
    available: number,
  ) {
    if (!v)
      throw unprocessable('VARIANT_NOT_FOUND', `Variant ${variantId} does not exist`, [
        { field: 'variant_id', message: 'not found' },
      ]);
    if (!v.purchasable)
      throw unprocessable('NOT_PURCHASABLE', `${v.productName} is not for sale`, [
        { field: 'variant_id', message: 'not for sale' },
      ]);
    if (available < quantity)
      throw conflict(
        'INSUFFICIENT_STOCK',
        available > 0
          ? `Only ${available} of ${v.productName} available`
          : `${v.productName} is out of stock`,
        [{ field: 'quantity', message: `requested ${quantity}, available ${available}` }],
      );
  }

  async function ownItem(tx: DbOrTx, cart: CartRow, itemId: string) {
    const [item] = await tx
      .select()
      .from(cartItems)
      .where(and(eq(cartItems.id, itemId), eq(cartItems.cartId, cart.id)));
    // Another cart's item answers exactly like a missing one.
    if (!item) throw notFound('Cart item');
    return item;
  }

  async function setLine(tx: DbOrTx, cart: CartRow, itemId: string, quantity: number) {
    const item = await ownItem(tx, cart, itemId);
    if (quantity === 0) {
      await tx.delete(cartItems).where(eq(cartItems.id, item.id));
      return;
    }
    // Lowering a quantity is always allowed (it resolves a stock warning); raising is checked.
    if (quantity > item.quantity) await checkSellable(tx, cart, item.variantId, quantity);
    await tx.update(cartItems).set({ quantity, updatedAt: new Date() }).where(eq(cartItems.id, item.id));
  }

  return {
    coupons,
    taxRates,
    quote,

    /** Guest carts nobody touched for `days` days. */
    async purgeGuestCarts(days: number) {
      const gone = await db
        .delete(carts)
        .where(and(isNull(carts.userId), lt(carts.updatedAt, sql`now() - make_interval(days => ${days})`)))
        .returning({ id: carts.id });
      return gone.length;
    },

    async createGuestCart() {
      const token = randomToken();
      const [cart] = await db
        .insert(carts)
        .values({ guestTokenHash: sha256(token) })
        .returning();
      return { cart_token: token, cart: await view(db, cart!) };
    },

    get: (owner: CartOwner) =>
      owner.guestToken && owner.userId
        ? mutate(owner, async () => {}) // merging writes: same path as a change
        : db.transaction(async (tx) => view(tx, await cartOf(tx, owner, false))),

    async count(owner: CartOwner) {
      const cart = await db.transaction((tx) => cartOf(tx, owner, false));
      const [r] = await db
        .select({ lines: count(), quantity: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
        .from(cartItems)
        .where(eq(cartItems.cartId, cart.id));
      return { items: r?.lines ?? 0, quantity: r?.quantity ?? 0 };
    },

    /** The cart id this owner's live stream follows. */
    cartId: async (owner: CartOwner) => (await db.transaction((tx) => cartOf(tx, owner, false))).id,
    view: (cartId: string) =>
      db.transaction(async (tx) => {
        const [cart] = await tx.select().from(carts).where(eq(carts.id, cartId));
        return cart ? view(tx, cart) : null;
      }),

    addItem: (owner: CartOwner, input: { variantId: string; quantity: number }) =>
      mutate(owner, async (tx, cart, known) => {
        checkQuantity(input.quantity);
        // The lines, their variants and availability are read once, for the check and the view.
        const items = await itemsOf(tx, cart.id);
        const existing = items.find((i) => i.variantId === input.variantId);
        const quantity = (existing?.quantity ?? 0) + input.quantity;
        if (quantity > MAX_LINE_QUANTITY)
          throw unprocessable('INVALID_QUANTITY', `At most ${MAX_LINE_QUANTITY} of one item per order`, [
            { field: 'quantity', message: `the cart already holds ${existing?.quantity ?? 0}` },
          ]);
        if (!existing && items.length >= MAX_CART_LINES)
          throw conflict('CART_FULL', `A cart holds at most ${MAX_CART_LINES} different items`);
        const ids = [...items.map((i) => i.variantId), ...(existing ? [] : [input.variantId])];
        const store = await storeOf(tx, cart.warehouseId);
        const variants = await sale.variants(ids, tx);
        const available = await availableFor(tx, cart.warehouseId, ids);
        assertSellable(
          variants.get(input.variantId),
          input.variantId,
          quantity,
          available.get(input.variantId) ?? 0,
        );
        const [line] = existing
          ? await tx
              .update(cartItems)
              .set({ quantity, updatedAt: new Date() })
              .where(eq(cartItems.id, existing.id))
              .returning()
          : await tx
              .insert(cartItems)
              .values({ cartId: cart.id, variantId: input.variantId, quantity })
              .returning();
        known.items = existing ? items.map((i) => (i.id === line!.id ? line! : i)) : [...items, line!];
        known.store = store;
        known.variants = variants;
        // The view asks the store's availability, or anywhere's when the cart has no (existing) store.
        if (store || !cart.warehouseId) known.available = available;
      }),

    setQuantity: (owner: CartOwner, itemId: string, quantity: number) =>
      mutate(owner, async (tx, cart) => {
        checkQuantity(quantity, 'quantity', 0);
        await setLine(tx, cart, itemId, quantity);
      }),

    step: (owner: CartOwner, itemId: string, by: 1 | -1) =>
      mutate(owner, async (tx, cart) => {
        const item = await ownItem(tx, cart, itemId);
        const quantity = item.quantity + by;
        if (quantity > MAX_LINE_QUANTITY) checkQuantity(quantity);
        await setLine(tx, cart, itemId, quantity);
      }),

    removeItem: (owner: CartOwner, itemId: string) =>
      mutate(owner, async (tx, cart) => {
        await setLine(tx, cart, itemId, 0);
      }),

    clear: (owner: CartOwner) =>
      mutate(owner, async (tx, cart) => {
        await tx.delete(cartItems).where(eq(cartItems.cartId, cart.id));
        return { couponCode: null };
      }),

    setLocation: (owner: CartOwner, postalCode: string) =>
      mutate(owner, async () => {
        const resolved = await inventory.resolveStore(postalCode);
        return { postalCode: resolved.postal_code, warehouseId: resolved.warehouse.id };
      }),

    applyCoupon: (owner: CartOwner, code: string) =>
      mutate(owner, async (tx, cart) => {
        const q = await quote(tx, {
          lines: await itemsOf(tx, cart.id),
          couponCode: code,
          userId: cart.userId,
          country: null,
        });
        if (q.couponProblem)
          throw unprocessable(q.couponProblem[0], q.couponProblem[1], [
            { field: 'code', message: q.couponProblem[1] },
          ]);
        return { couponCode: q.coupon!.code };
      }),

    removeCoupon: (owner: CartOwner) => mutate(owner, async () => ({ couponCode: null })),

    // ---- for checkout (orders module), inside its transaction --------------------------------

    /**
     * Locks the user's cart and returns its lines; no cart or an empty one is a 422. The lines are
     * read after the lock is held: a change that committed while we waited is in them.
     */
    async lockForCheckout(tx: DbOrTx, userId: string) {
      const [cart] = await tx.select().from(carts).where(eq(carts.userId, userId)).for('update');
      const items = cart ? await itemsOf(tx, cart.id) : [];
      if (!cart || !items.length) throw unprocessable('CART_EMPTY', 'Your cart is empty');
      return { cart, lines: items.map((i) => ({ variantId: i.variantId, quantity: i.quantity })) };
    },

    async clearAfterCheckout(tx: DbOrTx, cartId: string) {
      await tx.execute(sql`
        with emptied as (delete from ${cartItems} where cart_id = ${cartId})
        update ${carts} set coupon_code = null, updated_at = now() where id = ${cartId}`);
      await publish(tx, { topic: cartTopic(cartId), type: 'changed' });
    },
  };
}

/** 401 unless the request is signed in or carries a guest cart token. */
export function requireCartOwner(userId: string | undefined, guestToken: string | undefined): CartOwner {
  if (userId) return { userId, guestToken };
  if (guestToken) return { guestToken };
  throw unauthorized(
    'CART_TOKEN_REQUIRED',
    'Sign in, or send the X-Cart-Token of a guest cart (POST /cart/token)',
  );
}

export type CartService = ReturnType<typeof createCartService>;
export type CartView = Awaited<ReturnType<CartService['addItem']>>;
