-- Covering indexes for facet counts (CAT-5): category listings and the whole-catalog listing
-- count categories, brands and price buckets with index-only scans instead of reading rows.
-- (Written by hand: drizzle-kit cannot express INCLUDE.)
CREATE INDEX "products_category_facets_idx" ON "products" ("category_id", "status") INCLUDE ("brand", "price_cents", "sale_price_cents");
--> statement-breakpoint
CREATE INDEX "products_status_facets_idx" ON "products" ("status") INCLUDE ("category_id", "brand", "price_cents", "sale_price_cents");
