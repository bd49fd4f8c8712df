import { AddToCart } from '../../features/cart/components/add-to-cart';
import type { ProductCard } from '../../features/catalog/types';

/** Product cards get the cart's inline add / − / + control (catalog and cart meet here, in app/). */
export const addToCartAction = (p: ProductCard) => (
  <AddToCart variantId={p.default_variant_id} name={p.name} inStock={p.in_stock} />
);
