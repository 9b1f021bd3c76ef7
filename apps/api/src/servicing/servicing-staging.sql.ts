/**
 * SQL of the staged import (docs/servicing-import.md). Records are validated in Node and appended
 * to session-local staging tables (TEMP, dropped at commit) in batches; checks that need the whole
 * file (duplicates, references) and the merge into the servicing tables are then set-based
 * statements, all in the one import transaction.
 */
import type { EntityKey } from "./servicing-file.schema";

export const CREATE_STAGING = [
  // The whole-file checks hash million-row staging tables; the default 4MB would spill to disk.
  `SET LOCAL work_mem = '128MB'`,
  `CREATE TEMP TABLE stage_customers (pos int NOT NULL, id text NOT NULL, name text NOT NULL, email text) ON COMMIT DROP`,
  `CREATE TEMP TABLE stage_contacts (pos int NOT NULL, id text NOT NULL, customer_id text NOT NULL,
     first_name text, last_name text, email text) ON COMMIT DROP`,
  `CREATE TEMP TABLE stage_locations (pos int NOT NULL, id text NOT NULL, customer_id text NOT NULL, email text) ON COMMIT DROP`,
  `CREATE TEMP TABLE stage_contracts (pos int NOT NULL, id text NOT NULL, contract_key text NOT NULL,
     customer_id text NOT NULL, status text NOT NULL, booked boolean NOT NULL, bill_to_location_id text,
     billing_line1 text, billing_city text, billing_region text, billing_postal_code text, billing_country text) ON COMMIT DROP`,
  `CREATE TEMP TABLE stage_emails (address text NOT NULL, source_type email_source NOT NULL, source_id text NOT NULL,
     customer_id text NOT NULL) ON COMMIT DROP`,
];

/** Column lists of the staging tables, in the order of the arrays passed to unnest. */
export const STAGE_INSERT: Record<EntityKey | "emails", string> = {
  customers: `INSERT INTO stage_customers SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
  contacts: `INSERT INTO stage_contacts
    SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
  locations: `INSERT INTO stage_locations SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
  contracts: `INSERT INTO stage_contracts SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[],
    $6::boolean[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])`,
  emails: `INSERT INTO stage_emails SELECT a, t::email_source, s, c FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(a, t, s, c)`,
};

/** Temporary tables are never auto-analyzed; the checks below join them with million-row tables. */
export const ANALYZE_STAGING = `ANALYZE stage_customers, stage_contacts, stage_locations, stage_contracts, stage_emails`;

/** Rows whose id appeared earlier in the same file. `$1` = row limit. */
export const duplicateIds = (entity: EntityKey) => `
  SELECT s.pos, s.id FROM stage_${entity} s
  JOIN (SELECT id, min(pos) AS first FROM stage_${entity} GROUP BY id HAVING count(*) > 1) d ON d.id = s.id
  WHERE s.pos > d.first ORDER BY s.pos LIMIT $1`;

/** Contracts whose key (case and spaces ignored) belongs to an earlier contract of the file. */
export const DUPLICATE_CONTRACT_KEYS = `
  SELECT s.pos, s.id, f.id AS other FROM stage_contracts s
  JOIN (SELECT DISTINCT ON (contract_key) contract_key, id, pos FROM stage_contracts
        WHERE contract_key IN (SELECT contract_key FROM stage_contracts GROUP BY contract_key HAVING count(DISTINCT id) > 1)
        ORDER BY contract_key, pos) f ON f.contract_key = s.contract_key
  WHERE s.pos > f.pos AND s.id <> f.id ORDER BY s.pos LIMIT $1`;

/** Customer references found neither in the file nor in the database. */
export const missingCustomers = (entity: "contacts" | "locations" | "contracts") => `
  SELECT s.pos, s.id, s.customer_id AS missing FROM stage_${entity} s
  WHERE NOT EXISTS (SELECT 1 FROM stage_customers c WHERE c.id = s.customer_id)
    AND NOT EXISTS (SELECT 1 FROM servicing_customer c WHERE c.id = s.customer_id)
  ORDER BY s.pos LIMIT $1`;

export const MISSING_BILL_TO = `
  SELECT s.pos, s.id, s.bill_to_location_id AS missing FROM stage_contracts s
  WHERE s.bill_to_location_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM stage_locations l WHERE l.id = s.bill_to_location_id)
    AND NOT EXISTS (SELECT 1 FROM servicing_location l WHERE l.id = s.bill_to_location_id)
  ORDER BY s.pos LIMIT $1`;

/** A contract key already stored under another contract id. */
export const STORED_KEY_COLLISIONS = `
  SELECT s.pos, s.id, c.id AS other FROM stage_contracts s
  JOIN servicing_contract c ON c.contract_key = s.contract_key AND c.id <> s.id
  ORDER BY s.pos LIMIT $1`;

/** `xmax = 0` is true for a row this statement inserted and false for one it updated. */
const counted = (upsert: string) => `
  WITH up AS (${upsert} RETURNING (xmax = 0) AS inserted)
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;

export const MERGE: Record<EntityKey, string> = {
  customers: counted(`
    INSERT INTO servicing_customer (id, name, email, updated_at)
    SELECT id, name, email, now() FROM stage_customers
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()`),
  locations: counted(`
    INSERT INTO servicing_location (id, customer_id, email, updated_at)
    SELECT id, customer_id, email, now() FROM stage_locations
    ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, email = EXCLUDED.email, updated_at = now()`),
  contacts: counted(`
    INSERT INTO servicing_contact (id, customer_id, first_name, last_name, email, updated_at)
    SELECT id, customer_id, first_name, last_name, email, now() FROM stage_contacts
    ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, first_name = EXCLUDED.first_name,
      last_name = EXCLUDED.last_name, email = EXCLUDED.email, updated_at = now()`),
  contracts: counted(`
    INSERT INTO servicing_contract (id, contract_key, customer_id, status, booked, bill_to_location_id,
      billing_line1, billing_city, billing_region, billing_postal_code, billing_country, updated_at)
    SELECT id, contract_key, customer_id, status, booked, bill_to_location_id,
      billing_line1, billing_city, billing_region, billing_postal_code, billing_country, now() FROM stage_contracts
    ON CONFLICT (id) DO UPDATE SET contract_key = EXCLUDED.contract_key, customer_id = EXCLUDED.customer_id,
      status = EXCLUDED.status, booked = EXCLUDED.booked, bill_to_location_id = EXCLUDED.bill_to_location_id,
      billing_line1 = EXCLUDED.billing_line1, billing_city = EXCLUDED.billing_city,
      billing_region = EXCLUDED.billing_region, billing_postal_code = EXCLUDED.billing_postal_code,
      billing_country = EXCLUDED.billing_country, updated_at = now()`),
};

/** The derived addresses of every record in the file are replaced (a changed field drops its old ones). */
export const REPLACE_EMAILS = [
  `DELETE FROM servicing_email_address e USING stage_customers s WHERE e.source_type = 'CUSTOMER' AND e.source_id = s.id`,
  `DELETE FROM servicing_email_address e USING stage_contacts s WHERE e.source_type = 'CONTACT' AND e.source_id = s.id`,
  `DELETE FROM servicing_email_address e USING stage_locations s WHERE e.source_type = 'LOCATION' AND e.source_id = s.id`,
  // No ON CONFLICT: the rows of every source in the file were just deleted, ids are unique in the
  // file and splitEmailList lists an address once per field, so nothing can collide.
  `INSERT INTO servicing_email_address (address, source_type, source_id, customer_id)
   SELECT address, source_type, source_id, customer_id FROM stage_emails`,
];

/**
 * After a big import: statistics (ANALYZE) and the vacuum's bookkeeping on the freshly written rows
 * (commit hint bits, visibility map), so that enrollment lookups read those pages without writing
 * them back. Outside any transaction (VACUUM refuses to run in one).
 */
export const VACUUM_ANALYZE_SERVICING = `VACUUM (ANALYZE) servicing_customer, servicing_contact, servicing_location, servicing_contract, servicing_email_address`;
