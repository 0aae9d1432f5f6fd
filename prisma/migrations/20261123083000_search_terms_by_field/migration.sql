-- Text terms now say where the text came from, so each relevance tier reads only its own rows: u / b (one and two
-- characters) of the name, c / C of the company, k / K of contact names. Before, a two-character keyword common
-- in company names (公司) made the name tier read every company that has it.

CREATE FUNCTION kezhi_text_terms(value text, unigram text, bigram text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(array_agg(DISTINCT term), '{}')
  FROM (SELECT kezhi_search_key(value) AS k) AS normalised,
  LATERAL (
    SELECT unigram || substr(normalised.k, position, 1) AS term FROM generate_series(1, length(normalised.k)) AS position
    UNION ALL
    SELECT bigram || substr(normalised.k, position, 2) FROM generate_series(1, length(normalised.k) - 1) AS position
  ) AS terms;
END;

CREATE OR REPLACE FUNCTION kezhi_customer_search_terms(customer uuid, name text, company text, pinyin text[]) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(array_agg(DISTINCT term ORDER BY term), '{}')
  FROM (
    SELECT unnest(kezhi_text_terms(name, 'u', 'b') || kezhi_text_terms(company, 'c', 'C') || coalesce(pinyin, '{}')) AS term
    UNION ALL SELECT '^' || left(kezhi_search_key(name), 1)
    UNION ALL SELECT '^' || left(kezhi_search_key(name), 2) WHERE length(kezhi_search_key(name)) >= 2
    UNION ALL SELECT '=' || kezhi_search_key(name) WHERE length(kezhi_search_key(name)) <= 40
    UNION ALL SELECT unnest(kezhi_text_terms(contact.name, 'k', 'K')) FROM contacts AS contact
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

DROP FUNCTION kezhi_text_terms(text);

UPDATE customers SET search_terms = kezhi_customer_search_terms(id, name, company, pinyin_terms);
