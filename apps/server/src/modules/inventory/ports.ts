import type { DbOrTx } from '../../platform/db.js';

/**
 * What the inventory module needs from other modules, as plain functions the composition root
 * supplies (app.ts). Inventory never reads or writes another module's tables itself.
 */

/** A catalog variant as reports and alert emails show it. */
export type VariantInfo = {
  variantId: string;
  productId: string;
  sku: string;
  productName: string;
  variantName: string;
  /** What a shopper pays per unit now (the sale price when there is one), in minor units. */
  unitPriceCents: number;
  currency: string;
};

export type InventoryCatalogPort = {
  /** Variant ids of these SKUs, keyed by lower-cased SKU (SKUs are unique case-insensitively). */
  variantIdsBySku(skus: string[]): Promise<Map<string, string>>;
  /** Unknown ids are absent from the map. */
  describeVariants(variantIds: string[]): Promise<Map<string, VariantInfo>>;
  /**
   * Recomputes the catalog's stock status for the products of these variants, inside the caller's
   * transaction: locks those products, asks `sellable` where each of their variants can be sold
   * (active warehouses with stock or backorders), records which stores can sell which variant and
   * whether any can sell the product (`products.in_stock`), and invalidates catalog reads. Returns
   * the ids of the products whose availability changed, anywhere or at one store.
   */
  setStockStatus(
    tx: DbOrTx,
    variantIds: string[],
    sellable: (variantIds: string[]) => Promise<{ variantId: string; warehouseId: string }[]>,
  ): Promise<string[]>;
  /** After a transaction that changed stock status commits: readers must see it now. */
  stockStatusCommitted(): Promise<void>;
};

/** Who gets staff notifications (low-stock alerts): active staff and admin accounts. */
export type StaffDirectory = { staffEmails(): Promise<string[]> };
