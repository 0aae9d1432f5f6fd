-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('feedback', 'self_register');

-- CreateEnum
CREATE TYPE "FeedbackCategory" AS ENUM ('product', 'service', 'complaint', 'suggestion');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('new', 'in_progress', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "FeedbackNoteKind" AS ENUM ('note', 'reply');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "wechat_bound_at" TIMESTAMPTZ(3),
ADD COLUMN     "wechat_open_id" TEXT;

-- CreateTable
CREATE TABLE "channels" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "name" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "staff_id" UUID,
    "token_version" INTEGER NOT NULL DEFAULT 1,
    "valid_until" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "channel_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "staff_id" UUID,
    "rating" SMALLINT NOT NULL,
    "nps" SMALLINT,
    "category" "FeedbackCategory" NOT NULL,
    "text" TEXT,
    "phone_encrypted" BYTEA,
    "phone_key_id" TEXT,
    "phone_index" TEXT,
    "contact_consent" BOOLEAN NOT NULL DEFAULT false,
    "customer_id" UUID,
    "customer_link" TEXT,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'new',
    "assignee_id" UUID,
    "language" TEXT NOT NULL DEFAULT 'zh-CN',
    "device_hash" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_photos" (
    "id" UUID NOT NULL,
    "feedback_id" UUID,
    "form_token_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_notes" (
    "id" UUID NOT NULL,
    "feedback_id" UUID NOT NULL,
    "kind" "FeedbackNoteKind" NOT NULL,
    "body" TEXT NOT NULL,
    "reply_channel" TEXT,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "resource_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "channels_code_key" ON "channels"("code");

-- CreateIndex
CREATE INDEX "channels_team_id_idx" ON "channels"("team_id");

-- CreateIndex
CREATE INDEX "channels_staff_id_idx" ON "channels"("staff_id");

-- CreateIndex
CREATE UNIQUE INDEX "feedback_number_key" ON "feedback"("number");

-- CreateIndex
CREATE INDEX "feedback_created_at_id_idx" ON "feedback"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "feedback_team_id_created_at_idx" ON "feedback"("team_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "feedback_status_created_at_idx" ON "feedback"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "feedback_assignee_id_idx" ON "feedback"("assignee_id");

-- CreateIndex
CREATE INDEX "feedback_staff_id_idx" ON "feedback"("staff_id");

-- CreateIndex
CREATE INDEX "feedback_customer_id_idx" ON "feedback"("customer_id");

-- CreateIndex
CREATE INDEX "feedback_channel_id_idx" ON "feedback"("channel_id");

-- CreateIndex
CREATE INDEX "feedback_phone_index_idx" ON "feedback"("phone_index");

-- CreateIndex
CREATE INDEX "feedback_photos_feedback_id_idx" ON "feedback_photos"("feedback_id");

-- CreateIndex
CREATE INDEX "feedback_photos_form_token_id_idx" ON "feedback_photos"("form_token_id");

-- CreateIndex
CREATE INDEX "feedback_photos_created_at_idx" ON "feedback_photos"("created_at");

-- CreateIndex
CREATE INDEX "feedback_notes_feedback_id_created_at_idx" ON "feedback_notes"("feedback_id", "created_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_keys_scope_key_key" ON "idempotency_keys"("scope", "key");

-- CreateIndex
CREATE UNIQUE INDEX "users_wechat_open_id_key" ON "users"("wechat_open_id");

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_photos" ADD CONSTRAINT "feedback_photos_feedback_id_fkey" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_notes" ADD CONSTRAINT "feedback_notes_feedback_id_fkey" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_notes" ADD CONSTRAINT "feedback_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The form's limits hold in the database too.
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_rating_range" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_nps_range" CHECK ("nps" IS NULL OR "nps" BETWEEN 0 AND 10);

-- Feedback and channel permissions for the built-in roles, and their feedback data scope
-- (custom roles read a missing scope as `own`).
UPDATE "roles" SET "permissions" = "permissions" || ARRAY['feedback:read', 'feedback:manage', 'channel:manage'],
  "scopes" = "scopes" || '{"feedback": "team"}'::jsonb WHERE "key" = 'manager';
UPDATE "roles" SET "permissions" = "permissions" || ARRAY['feedback:read'],
  "scopes" = "scopes" || '{"feedback": "own"}'::jsonb WHERE "key" = 'sales';
UPDATE "roles" SET "permissions" = "permissions" || ARRAY['feedback:read', 'feedback:manage'],
  "scopes" = "scopes" || '{"feedback": "all"}'::jsonb WHERE "key" = 'service';
UPDATE "roles" SET "permissions" = "permissions" || ARRAY['feedback:read'],
  "scopes" = "scopes" || '{"feedback": "all"}'::jsonb WHERE "key" = 'viewer';
UPDATE "roles" SET "scopes" = "scopes" || '{"feedback": "all"}'::jsonb WHERE "key" = 'admin';
