-- Access control (issue 5). Hand-edited after generation: existing users get a built-in role matching their old
-- enum role and the root team before the columns become required; the audit log is made append-only.

-- AlterTable
ALTER TABLE "users"
ADD COLUMN     "failed_login_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_login_at" TIMESTAMPTZ(3),
ADD COLUMN     "locked_until" TIMESTAMPTZ(3),
ADD COLUMN     "lockout_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mfa_enabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "mfa_key_id" TEXT,
ADD COLUMN     "mfa_secret_encrypted" BYTEA,
ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "password_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "role_id" UUID,
ADD COLUMN     "team_id" UUID;

-- CreateTable
CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" UUID,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scopes" JSONB NOT NULL DEFAULT '{}',
    "mfa_required" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mfa_recovery_codes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mfa_recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "role_id" UUID NOT NULL,
    "acting_user_id" UUID NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_name" TEXT,
    "api_key_id" UUID,
    "ip" TEXT,
    "user_agent" TEXT,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "resource_id" TEXT,
    "customer_id" UUID,
    "label" TEXT,
    "changes" JSONB,
    "meta" JSONB,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "password_min_length" INTEGER NOT NULL DEFAULT 8,
    "password_expiry_days" INTEGER NOT NULL DEFAULT 0,
    "lockout_threshold" INTEGER NOT NULL DEFAULT 5,
    "lockout_base_seconds" INTEGER NOT NULL DEFAULT 60,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "security_settings_pkey" PRIMARY KEY ("id")
);

-- Built-in roles: the permission lists follow server/src/auth/permissions.ts (builtInRoles).
INSERT INTO "roles" ("id", "key", "name", "description", "permissions", "scopes", "updated_at") VALUES
  (gen_random_uuid(), 'admin', '管理员', '全部权限，全部数据', ARRAY[
    'customer:read','customer:create','customer:update','customer:delete','customer:assign','customer:merge',
    'customer:bulk','customer:purge','customer:force_duplicate','customer:export','customer:reveal_phone',
    'order:update_amount','settings:manage','custom_field:manage','user:manage','role:manage','team:manage',
    'audit:read','api_key:manage','security:manage'],
    '{"customer":"all","audit":"all"}', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'manager', '销售经理', '管理本团队（含下级团队）的客户', ARRAY[
    'customer:read','customer:create','customer:update','customer:delete','customer:assign','customer:merge',
    'customer:bulk','customer:force_duplicate','customer:export','customer:reveal_phone','order:update_amount',
    'settings:manage','audit:read'],
    '{"customer":"team","audit":"team"}', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'sales', '销售', '登记和跟进自己的客户', ARRAY['customer:read','customer:create','customer:update'],
    '{"customer":"own","audit":"own"}', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'service', '客服', '查看全部客户，处理咨询与反馈', ARRAY['customer:read','customer:update','customer:reveal_phone'],
    '{"customer":"all","audit":"own"}', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'viewer', '只读', '只能查看，号码脱敏', ARRAY['customer:read'],
    '{"customer":"all","audit":"own"}', CURRENT_TIMESTAMP);

INSERT INTO "teams" ("id", "name", "parent_id", "sort_order", "updated_at") VALUES (gen_random_uuid(), '总部', NULL, 0, CURRENT_TIMESTAMP);

UPDATE "users" SET
  "role_id" = (SELECT "id" FROM "roles" WHERE "key" = "users"."role"::text),
  "team_id" = (SELECT "id" FROM "teams" WHERE "parent_id" IS NULL LIMIT 1);

ALTER TABLE "users" ALTER COLUMN "role_id" SET NOT NULL, ALTER COLUMN "team_id" SET NOT NULL, DROP COLUMN "role";

-- DropEnum
DROP TYPE "role";

INSERT INTO "security_settings" ("id", "updated_at") VALUES (1, CURRENT_TIMESTAMP);

-- Refresh tokens issued before sessions existed belong to no session: their holders sign in again.
UPDATE "refresh_tokens" SET "revoked_at" = CURRENT_TIMESTAMP WHERE "revoked_at" IS NULL;

-- The audit log is append-only for everyone who connects, the application included: rows can be added and read,
-- never changed or removed. (Row triggers catch UPDATE and DELETE, the statement trigger TRUNCATE.)
CREATE FUNCTION kezhi_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_logs_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION kezhi_audit_log_is_append_only();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION kezhi_audit_log_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_logs" FROM PUBLIC;

-- CreateIndex
CREATE UNIQUE INDEX "teams_parent_id_name_key" ON "teams"("parent_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "roles_key_key" ON "roles"("key");

-- CreateIndex
CREATE UNIQUE INDEX "roles_name_key" ON "roles"("name");

-- CreateIndex
CREATE INDEX "sessions_user_id_created_at_idx" ON "sessions"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "mfa_recovery_codes_user_id_idx" ON "mfa_recovery_codes"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_role_id_idx" ON "api_keys"("role_id");

-- CreateIndex
CREATE INDEX "audit_logs_at_idx" ON "audit_logs"("at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_actor_id_at_idx" ON "audit_logs"("actor_id", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_resource_at_idx" ON "audit_logs"("resource", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_customer_id_at_idx" ON "audit_logs"("customer_id", "at" DESC);

-- CreateIndex
CREATE INDEX "users_team_id_idx" ON "users"("team_id");

-- CreateIndex
CREATE INDEX "users_role_id_idx" ON "users"("role_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_acting_user_id_fkey" FOREIGN KEY ("acting_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
