-- Existing stock rows start at the alert level they are already at: an upgrade is not a crossing,
-- so it sends no alert flood. Later drops alert once per crossing (inventory service, INV-6).
UPDATE "stock_levels" SET "alert_state" = CASE
  WHEN "on_hand" - "reserved" <= 0 THEN 'out'::"stock_alert_state"
  WHEN "on_hand" - "reserved" <= "low_stock_threshold" THEN 'low'::"stock_alert_state"
  ELSE 'none'::"stock_alert_state" END;
--> statement-breakpoint
-- products.in_stock as the inventory service now maintains it: true exactly when an active warehouse
-- can sell an active variant (available stock, or backorders allowed). Products without any stock
-- row are not tracked by inventory yet and keep the catalog's default.
UPDATE "products" p SET "in_stock" = EXISTS (
  SELECT 1 FROM "product_variants" v
    JOIN "stock_levels" s ON s."variant_id" = v."id"
    JOIN "warehouses" w ON w."id" = s."warehouse_id"
   WHERE v."product_id" = p."id" AND v."status" = 'active' AND w."is_active"
     AND (s."backorder_allowed" OR s."on_hand" - s."reserved" > 0))
WHERE EXISTS (
  SELECT 1 FROM "product_variants" v JOIN "stock_levels" s ON s."variant_id" = v."id"
   WHERE v."product_id" = p."id");
