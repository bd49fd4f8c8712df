CREATE TABLE "variant_availability" (
	"warehouse_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	CONSTRAINT "variant_availability_warehouse_id_variant_id_pk" PRIMARY KEY("warehouse_id","variant_id")
);
--> statement-breakpoint
ALTER TABLE "variant_availability" ADD CONSTRAINT "variant_availability_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "variant_availability_variant_idx" ON "variant_availability" USING btree ("variant_id");--> statement-breakpoint
-- Existing stock, as the inventory service would have recorded it: sellable at an active store.
INSERT INTO "variant_availability" ("warehouse_id", "variant_id")
SELECT s."warehouse_id", s."variant_id"
FROM "stock_levels" s
JOIN "warehouses" w ON w."id" = s."warehouse_id"
JOIN "product_variants" v ON v."id" = s."variant_id"
WHERE w."is_active" AND (s."backorder_allowed" OR s."on_hand" - s."reserved" > 0);
