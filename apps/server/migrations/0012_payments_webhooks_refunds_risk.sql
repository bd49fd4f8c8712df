CREATE TYPE "public"."refund_status" AS ENUM('requested', 'succeeded', 'rejected', 'failed');--> statement-breakpoint
CREATE TYPE "public"."risk_decision" AS ENUM('pass', 'review', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."payment_webhook_status" AS ENUM('received', 'processed', 'ignored');--> statement-breakpoint
ALTER TYPE "public"."order_status" ADD VALUE 'on_hold' BEFORE 'confirmed';--> statement-breakpoint
CREATE TABLE "payment_risk_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ip" text,
	"card_fingerprint" text,
	"amount_cents" integer NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"decision" "risk_decision" NOT NULL,
	"payment_failed" boolean DEFAULT false NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "payment_webhook_status" DEFAULT 'received' NOT NULL,
	"result" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"status" "refund_status" NOT NULL,
	"reason" text NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provider_refund_id" text,
	"requested_by" uuid,
	"reviewed_by" uuid,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount" CHECK ("refunds"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "disputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "card_fingerprint" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "disputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "dispute_reason" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_risk_checks_order_idx" ON "payment_risk_checks" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_risk_checks_user_idx" ON "payment_risk_checks" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_risk_checks_ip_idx" ON "payment_risk_checks" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "payment_risk_checks_card_idx" ON "payment_risk_checks" USING btree ("card_fingerprint","created_at");--> statement-breakpoint
CREATE INDEX "payment_risk_checks_review_idx" ON "payment_risk_checks" USING btree ("created_at") WHERE "payment_risk_checks"."decision" = 'review';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_webhook_events_provider_event_key" ON "payment_webhook_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "payment_webhook_events_received_idx" ON "payment_webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_status_idx" ON "refunds" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payments_created_idx" ON "payments" USING btree ("created_at");