import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db.js';
import { productVariants, products } from './schema.js';

/** What the cart and checkout need to know about a variant to sell it, read from the catalog. */
export type SaleVariant = {
  variantId: string;
  productId: string;
  productSlug: string;
  productName: string;
  variantName: string;
  sku: string;
  categoryId: string;
  /** What the shopper pays per unit: the sale price when there is one. */
  unitPriceCents: number;
  /** The regular price when a sale price applies, else null. */
  compareAtPriceCents: number | null;
  currency: string;
  unit: string | null;
  imageUrl: string | null;
  /** Product active and variant active: purchasable. */
  purchasable: boolean;
};

/** The catalog's side of the cart/orders ports (products stay the catalog's tables). */
export function salePortFor(db: Db) {
  return {
    /** Variants by id; unknown ids are absent from the map. */
    async variants(ids: string[], tx: DbOrTx = db): Promise<Map<string, SaleVariant>> {
      const unique = [...new Set(ids)];
      if (!unique.length) return new Map();
      const rows = await tx
        .select({
          variantId: productVariants.id,
          productId: products.id,
          productSlug: products.slug,
          productName: products.name,
          variantName: productVariants.name,
          isDefault: productVariants.isDefault,
          sku: productVariants.sku,
          categoryId: products.categoryId,
          priceCents: productVariants.priceCents,
          salePriceCents: productVariants.salePriceCents,
          currency: products.currency,
          unit: products.unit,
          image: products.mainImage,
          productStatus: products.status,
          variantStatus: productVariants.status,
        })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(inArray(productVariants.id, unique));
      return new Map(
        rows.map((r) => {
          const onSale = r.salePriceCents !== null && r.salePriceCents < r.priceCents;
          return [
            r.variantId,
            {
              variantId: r.variantId,
              productId: r.productId,
              productSlug: r.productSlug,
              productName: r.productName,
              variantName: r.variantName,
              sku: r.sku,
              categoryId: r.categoryId,
              unitPriceCents: onSale ? r.salePriceCents! : r.priceCents,
              compareAtPriceCents: onSale ? r.priceCents : null,
              currency: r.currency,
              unit: r.unit,
              imageUrl: r.image?.thumb.url ?? null,
              purchasable: r.productStatus === 'active' && r.variantStatus === 'active',
            },
          ];
        }),
      );
    },

    /**
     * Counts units sold (order processing). The cache is not invalidated: listings pick the new
     * counts up with the next rankings refresh, and checkout must not flush every cached page.
     */
    async recordSales(tx: DbOrTx, sold: { productId: string; quantity: number }[]) {
      const byProduct = new Map<string, number>();
      for (const s of sold) byProduct.set(s.productId, (byProduct.get(s.productId) ?? 0) + s.quantity);
      for (const [productId, quantity] of byProduct)
        await tx
          .update(products)
          .set({ salesCount: sql`${products.salesCount} + ${quantity}` })
          .where(eq(products.id, productId));
    },
  };
}

export type SalePort = ReturnType<typeof salePortFor>;
