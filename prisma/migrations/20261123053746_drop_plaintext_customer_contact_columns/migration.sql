-- Free-text tags of the foundation become Tag rows before their column goes. Phones, emails and regions cannot
-- be carried over in SQL (they must be encrypted, or named from @vant/area-data, by the server).
INSERT INTO "tags" ("id", "name", "color", "created_at", "updated_at")
SELECT gen_random_uuid(), "name", 'blue', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM (SELECT DISTINCT unnest("tags") AS "name" FROM "customers") AS "legacy"
ON CONFLICT ("name") DO NOTHING;

INSERT INTO "customer_tags" ("customer_id", "tag_id", "created_at")
SELECT c."id", t."id", CURRENT_TIMESTAMP
FROM "customers" c CROSS JOIN LATERAL unnest(c."tags") AS "legacy"("name") JOIN "tags" t ON t."name" = "legacy"."name"
ON CONFLICT DO NOTHING;

-- DropIndex
DROP INDEX "customers_phone_idx";

-- AlterTable
ALTER TABLE "customers" DROP COLUMN "city",
DROP COLUMN "email",
DROP COLUMN "phone",
DROP COLUMN "province",
DROP COLUMN "tags";
