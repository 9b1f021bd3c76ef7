/**
 * SQL of the staged import (docs/servicing-import.md). Records are validated in Node and appended
 * to session-local staging tables (TEMP, dropped at commit) in batches; checks that need the whole
 * file (duplicates, references) and the merge into the servicing tables (servicing-sync.sql.ts) are
 * then set-based statements, all in the one import transaction.
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
export const ANALYZE_STAGING = `ANALYZE stage_customers, stage_contacts, stage_locations, stage_contracts, stage_emails, stage_removed`;

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

/**
 * After a big import: statistics (ANALYZE) and the vacuum's bookkeeping on the freshly written rows
 * (commit hint bits, visibility map), so that enrollment lookups read those pages without writing
 * them back. Outside any transaction (VACUUM refuses to run in one).
 */
export const VACUUM_ANALYZE_SERVICING = `VACUUM (ANALYZE) servicing_customer, servicing_contact, servicing_location, servicing_contract, servicing_email_address`;
