-- AlterTable
ALTER TABLE "contact_phones" ADD COLUMN     "tail_terms" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "customer_phones" ADD COLUMN     "tail_terms" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "pinyin_company" TEXT,
ADD COLUMN     "pinyin_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "pinyin_terms" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "search_terms" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "search_version" SMALLINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "customer_views" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "columns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sort" JSONB,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "customer_views_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customer_views_owner_id_position_idx" ON "customer_views"("owner_id", "position");

-- CreateIndex
CREATE INDEX "customer_views_shared_idx" ON "customer_views"("shared");

-- CreateIndex
CREATE INDEX "customers_search_terms_idx" ON "customers" USING GIN ("search_terms");

-- CreateIndex
CREATE INDEX "customers_last_activity_at_id_idx" ON "customers"("last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_updated_at_id_idx" ON "customers"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_total_spent_id_idx" ON "customers"("total_spent" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_order_count_id_idx" ON "customers"("order_count" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_last_purchase_at_id_idx" ON "customers"("last_purchase_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_last_contact_at_id_idx" ON "customers"("last_contact_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_pinyin_name_id_idx" ON "customers"("pinyin_name", "id");

-- CreateIndex
CREATE INDEX "customers_pinyin_company_id_idx" ON "customers"("pinyin_company", "id");

-- CreateIndex
CREATE INDEX "customers_source_idx" ON "customers"("source");

-- AddForeignKey
ALTER TABLE "customer_views" ADD CONSTRAINT "customer_views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Search terms (see server/src/modules/customers/search) ----
-- Terms are short strings with a one-character kind: u (one character of a name, company or contact name),
-- b (two consecutive characters), ^ (the first one or two characters of the name), = (the whole name),
-- p / i (pinyin and pinyin initials, computed by the server into pinyin_terms), n (a whole phone number's blind
-- index), t (blind indexes of a phone's last digits, computed by the server into tail_terms), e (an email's blind
-- index), T / G (tag and group ids), R (province, city and district codes of the addresses).

-- The form text is matched in: compatibility-normalised, lower case, without white space.
CREATE FUNCTION kezhi_search_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(regexp_replace(normalize(coalesce(value, ''), NFKC), '\s+', '', 'g'));

CREATE FUNCTION kezhi_text_terms(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(array_agg(DISTINCT term), '{}')
  FROM (SELECT kezhi_search_key(value) AS k) AS normalised,
  LATERAL (
    SELECT 'u' || substr(normalised.k, position, 1) AS term FROM generate_series(1, length(normalised.k)) AS position
    UNION ALL
    SELECT 'b' || substr(normalised.k, position, 2) FROM generate_series(1, length(normalised.k) - 1) AS position
  ) AS terms;
END;

CREATE FUNCTION kezhi_customer_search_terms(customer uuid, name text, company text, pinyin text[]) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(array_agg(DISTINCT term ORDER BY term), '{}')
  FROM (
    SELECT unnest(kezhi_text_terms(name) || kezhi_text_terms(company) || coalesce(pinyin, '{}')) AS term
    UNION ALL SELECT '^' || left(kezhi_search_key(name), 1)
    UNION ALL SELECT '^' || left(kezhi_search_key(name), 2) WHERE length(kezhi_search_key(name)) >= 2
    UNION ALL SELECT '=' || kezhi_search_key(name) WHERE length(kezhi_search_key(name)) <= 40
    UNION ALL SELECT unnest(kezhi_text_terms(contact.name)) FROM contacts AS contact
      WHERE contact.customer_id = customer AND contact.deleted_at IS NULL
    UNION ALL SELECT 'n' || left(phone.number_hash, 16) FROM customer_phones AS phone WHERE phone.customer_id = customer
    UNION ALL SELECT unnest(phone.tail_terms) FROM customer_phones AS phone WHERE phone.customer_id = customer
    UNION ALL SELECT 'n' || left(phone.number_hash, 16) FROM contact_phones AS phone
      JOIN contacts AS contact ON contact.id = phone.contact_id
      WHERE contact.customer_id = customer AND contact.deleted_at IS NULL
    UNION ALL SELECT unnest(phone.tail_terms) FROM contact_phones AS phone
      JOIN contacts AS contact ON contact.id = phone.contact_id
      WHERE contact.customer_id = customer AND contact.deleted_at IS NULL
    UNION ALL SELECT 'e' || left(email.address_hash, 16) FROM customer_emails AS email WHERE email.customer_id = customer
    UNION ALL SELECT 'e' || left(email.address_hash, 16) FROM contact_emails AS email
      JOIN contacts AS contact ON contact.id = email.contact_id
      WHERE contact.customer_id = customer AND contact.deleted_at IS NULL
    UNION ALL SELECT 'T' || replace(tag.tag_id::text, '-', '') FROM customer_tags AS tag WHERE tag.customer_id = customer
    UNION ALL SELECT 'G' || replace(grouping.group_id::text, '-', '') FROM customer_groups AS grouping
      WHERE grouping.customer_id = customer
    UNION ALL SELECT 'R' || code FROM customer_addresses AS address,
      unnest(ARRAY[address.province_code, address.city_code, address.district_code]) AS code
      WHERE address.customer_id = customer
  ) AS terms
  WHERE term IS NOT NULL AND length(term) > 1;
END;

-- Own columns: the activity time, and the terms whenever name, company or pinyin change. A name or company
-- changed without new pinyin (a write that bypassed the server's search module) marks the pinyin stale, and the
-- server computes it again (search_version 0).
CREATE FUNCTION kezhi_customers_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_activity_at := GREATEST(NEW.created_at, NEW.last_contact_at, NEW.last_purchase_at);
  IF TG_OP = 'UPDATE' AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.company IS DISTINCT FROM OLD.company)
     AND NEW.pinyin_terms IS NOT DISTINCT FROM OLD.pinyin_terms THEN
    NEW.search_version := 0;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.name IS DISTINCT FROM OLD.name OR NEW.company IS DISTINCT FROM OLD.company
     OR NEW.pinyin_terms IS DISTINCT FROM OLD.pinyin_terms THEN
    NEW.search_terms := kezhi_customer_search_terms(NEW.id, NEW.name, NEW.company, NEW.pinyin_terms);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER customers_before_write BEFORE INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION kezhi_customers_before_write();

CREATE FUNCTION kezhi_refresh_customer_search(customer_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE customers AS c SET search_terms = kezhi_customer_search_terms(c.id, c.name, c.company, c.pinyin_terms)
  WHERE c.id = ANY(customer_ids)
$$;

-- Rows that belong to a customer directly (customer_id). One statement-level trigger per event, because a
-- trigger with transition tables may only have one.
CREATE FUNCTION kezhi_child_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kezhi_refresh_customer_search(ARRAY(SELECT DISTINCT customer_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kezhi_refresh_customer_search(ARRAY(
      SELECT customer_id FROM new_rows UNION SELECT customer_id FROM old_rows));
  ELSE
    PERFORM kezhi_refresh_customer_search(ARRAY(SELECT DISTINCT customer_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

-- Rows that belong to a contact (contact_id).
CREATE FUNCTION kezhi_contact_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kezhi_refresh_customer_search(ARRAY(
      SELECT DISTINCT contact.customer_id FROM new_rows JOIN contacts AS contact ON contact.id = new_rows.contact_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kezhi_refresh_customer_search(ARRAY(
      SELECT contact.customer_id FROM new_rows JOIN contacts AS contact ON contact.id = new_rows.contact_id
      UNION SELECT contact.customer_id FROM old_rows JOIN contacts AS contact ON contact.id = old_rows.contact_id));
  ELSE
    PERFORM kezhi_refresh_customer_search(ARRAY(
      SELECT DISTINCT contact.customer_id FROM old_rows JOIN contacts AS contact ON contact.id = old_rows.contact_id));
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  child text;
BEGIN
  FOREACH child IN ARRAY ARRAY['contacts', 'customer_phones', 'customer_emails', 'customer_tags', 'customer_groups', 'customer_addresses'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_search_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kezhi_child_rows_changed()', child);
    EXECUTE format('CREATE TRIGGER %1$s_search_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kezhi_child_rows_changed()', child);
    EXECUTE format('CREATE TRIGGER %1$s_search_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kezhi_child_rows_changed()', child);
  END LOOP;
  FOREACH child IN ARRAY ARRAY['contact_phones', 'contact_emails'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_search_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kezhi_contact_rows_changed()', child);
    EXECUTE format('CREATE TRIGGER %1$s_search_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kezhi_contact_rows_changed()', child);
    EXECUTE format('CREATE TRIGGER %1$s_search_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kezhi_contact_rows_changed()', child);
  END LOOP;
END $$;

-- Rows that existed before this migration.
UPDATE customers SET last_activity_at = GREATEST(created_at, last_contact_at, last_purchase_at),
  search_terms = kezhi_customer_search_terms(id, name, company, pinyin_terms);
