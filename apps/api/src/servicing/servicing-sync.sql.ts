/**
 * SQL of what an import removes and how it merges (docs/servicing-import.md, "Snapshots and
 * removals"), over the staging tables of servicing-staging.sql.ts, in the import's transaction.
 * `remove_ids` holds what this import removes: in a snapshot every stored record the file does not
 * hold, in a delta the ids of its `removed` lists that are stored, and the contacts, locations and
 * contracts of removed customers that the file does not hold.
 */
import type { EntityKey } from "./servicing-file.schema";

export const TABLE: Record<EntityKey, string> = {
  customers: "servicing_customer",
  contacts: "servicing_contact",
  locations: "servicing_location",
  contracts: "servicing_contract",
};

/** The email index's source type of each entity that has an email field. */
export const EMAIL_SOURCE: Partial<Record<EntityKey, string>> = {
  customers: "CUSTOMER",
  contacts: "CONTACT",
  locations: "LOCATION",
};

export const CREATE_SYNC_TABLES = [
  `CREATE TEMP TABLE stage_removed (pos int NOT NULL, entity text NOT NULL, id text NOT NULL) ON COMMIT DROP`,
  `CREATE TEMP TABLE remove_ids (entity text NOT NULL, id text NOT NULL, PRIMARY KEY (entity, id)) ON COMMIT DROP`,
  `CREATE TEMP TABLE changed_sources (source_type email_source NOT NULL, id text NOT NULL) ON COMMIT DROP`,
];

/** One import at a time (a drop folder and a person at a terminal): the next waits for the commit. */
export const IMPORT_LOCK = `SELECT pg_advisory_xact_lock(hashtext('portal servicing import'))`;

export const STAGE_REMOVED = `INSERT INTO stage_removed SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`;

/** Snapshot: every stored record the file does not hold. */
export const snapshotRemovals = (entity: EntityKey) => `
  INSERT INTO remove_ids SELECT '${entity}', t.id FROM ${TABLE[entity]} t
  WHERE NOT EXISTS (SELECT 1 FROM stage_${entity} s WHERE s.id = t.id)`;

/** Delta: an id both in a removed list and among the file's records of that entity. `$1` = row limit. */
export const removedAndImported = (entity: EntityKey) => `
  SELECT r.pos, r.id FROM stage_removed r
  WHERE r.entity = '${entity}' AND EXISTS (SELECT 1 FROM stage_${entity} s WHERE s.id = r.id)
  ORDER BY r.pos LIMIT $1`;

/** Delta: the listed ids that are stored. */
export const requestedRemovals = (entity: EntityKey) => `
  INSERT INTO remove_ids SELECT DISTINCT '${entity}', r.id FROM stage_removed r
  WHERE r.entity = '${entity}' AND EXISTS (SELECT 1 FROM ${TABLE[entity]} t WHERE t.id = r.id)
  ON CONFLICT DO NOTHING`;

/** Delta: listed ids that are not stored (reported, not an error): how many, and the first few. */
export const notStored = (entity: EntityKey) => `
  SELECT count(*)::int AS count, coalesce((array_agg(id ORDER BY id))[1:20], '{}') AS ids
  FROM (SELECT DISTINCT r.id FROM stage_removed r
        WHERE r.entity = '${entity}' AND NOT EXISTS (SELECT 1 FROM ${TABLE[entity]} t WHERE t.id = r.id)) x`;

/** Delta: a removed customer takes its stored contacts, locations and contracts the file does not hold. */
export const cascadedRemovals = (entity: "contacts" | "locations" | "contracts") => `
  INSERT INTO remove_ids SELECT '${entity}', t.id FROM ${TABLE[entity]} t
  JOIN remove_ids r ON r.entity = 'customers' AND r.id = t.customer_id
  WHERE NOT EXISTS (SELECT 1 FROM stage_${entity} s WHERE s.id = t.id)
  ON CONFLICT DO NOTHING`;

export const REMOVAL_COUNTS = `SELECT entity, count(*)::int AS n FROM remove_ids GROUP BY entity`;

export const storedCount = (entity: EntityKey) => `SELECT count(*)::int AS n FROM ${TABLE[entity]}`;

/**
 * Customer references of the file's records that will not exist after the import: neither in the
 * file nor stored, or stored but removed by it. `$1` = row limit.
 */
export const unresolvedCustomers = (entity: "contacts" | "locations" | "contracts") => `
  SELECT s.pos, s.id, s.customer_id AS missing,
         EXISTS (SELECT 1 FROM servicing_customer c WHERE c.id = s.customer_id) AS stored
  FROM stage_${entity} s
  WHERE NOT EXISTS (SELECT 1 FROM stage_customers c WHERE c.id = s.customer_id)
    AND NOT EXISTS (SELECT 1 FROM servicing_customer c WHERE c.id = s.customer_id
                    AND NOT EXISTS (SELECT 1 FROM remove_ids r WHERE r.entity = 'customers' AND r.id = c.id))
  ORDER BY s.pos LIMIT $1`;

export const UNRESOLVED_BILL_TO = `
  SELECT s.pos, s.id, s.bill_to_location_id AS missing,
         EXISTS (SELECT 1 FROM servicing_location l WHERE l.id = s.bill_to_location_id) AS stored
  FROM stage_contracts s
  WHERE s.bill_to_location_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM stage_locations l WHERE l.id = s.bill_to_location_id)
    AND NOT EXISTS (SELECT 1 FROM servicing_location l WHERE l.id = s.bill_to_location_id
                    AND NOT EXISTS (SELECT 1 FROM remove_ids r WHERE r.entity = 'locations' AND r.id = l.id))
  ORDER BY s.pos LIMIT $1`;

/** Delta: a stored contract that stays (not in the file, not removed) whose bill-to location is removed. */
export const STAYING_BILL_TO_REMOVED = `
  SELECT c.id, c.bill_to_location_id AS location FROM servicing_contract c
  JOIN remove_ids r ON r.entity = 'locations' AND r.id = c.bill_to_location_id
  WHERE NOT EXISTS (SELECT 1 FROM stage_contracts s WHERE s.id = c.id)
    AND NOT EXISTS (SELECT 1 FROM remove_ids x WHERE x.entity = 'contracts' AND x.id = c.id)
  ORDER BY c.id LIMIT $1`;

/** A contract key already stored under another contract id that stays. */
export const STORED_KEY_COLLISIONS = `
  SELECT s.pos, s.id, c.id AS other FROM stage_contracts s
  JOIN servicing_contract c ON c.contract_key = s.contract_key AND c.id <> s.id
  WHERE NOT EXISTS (SELECT 1 FROM remove_ids r WHERE r.entity = 'contracts' AND r.id = c.id)
  ORDER BY s.pos LIMIT $1`;

/** Removes what `remove_ids` lists of one entity, with its email index rows; returns how many. */
export function removeStatements(entity: EntityKey): string[] {
  const source = EMAIL_SOURCE[entity];
  return [
    ...(source
      ? [
          `DELETE FROM servicing_email_address e USING remove_ids r
           WHERE r.entity = '${entity}' AND e.source_type = '${source}' AND e.source_id = r.id`,
        ]
      : []),
    `DELETE FROM ${TABLE[entity]} t USING remove_ids r WHERE r.entity = '${entity}' AND t.id = r.id`,
  ];
}

/**
 * An upsert of the file's records that are new or differ from what is stored: an identical record is
 * not written at all (no row version, no index entry, no lock). Counts inserted and updated rows
 * (`xmax = 0` is true for a row this statement inserted), and notes every written record with an
 * email field in changed_sources, whose index rows are then replaced.
 */
const merge = (entity: EntityKey, columns: string[], extraSet = "") => {
  const table = TABLE[entity];
  const same = columns.map((c) => `t.${c} IS NOT DISTINCT FROM s.${c}`).join(" AND ");
  const source = EMAIL_SOURCE[entity];
  return `
  WITH up AS (
    INSERT INTO ${table} (id, ${columns.join(", ")}, updated_at)
    SELECT s.id, ${columns.map((c) => `s.${c}`).join(", ")}, now() FROM stage_${entity} s
    WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = s.id AND ${same})
    ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(", ")},${extraSet} updated_at = now()
    RETURNING id, (xmax = 0) AS inserted
  )${source ? `, noted AS (INSERT INTO changed_sources SELECT '${source}', id FROM up)` : ""}
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
         count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;
};

export const MERGE: Record<EntityKey, string> = {
  customers: merge("customers", ["name", "email"]),
  locations: merge("locations", ["customer_id", "email"]),
  contacts: merge("contacts", ["customer_id", "first_name", "last_name", "email"]),
  // A contract seen booked and now not booked is closed from this import on; booked again, it is
  // open again. A contract first seen not booked is never closed (never shown).
  contracts: merge(
    "contracts",
    [
      "contract_key",
      "customer_id",
      "status",
      "booked",
      "bill_to_location_id",
      "billing_line1",
      "billing_city",
      "billing_region",
      "billing_postal_code",
      "billing_country",
    ],
    ` closed_at = CASE WHEN EXCLUDED.booked THEN NULL
                       WHEN servicing_contract.booked THEN now()
                       ELSE servicing_contract.closed_at END,`,
  ),
};

/**
 * The index rows of the written records of one entity with an email field are replaced. When every
 * record of the entity in the file was written (a first import), the rows of the whole file are taken
 * without the join on changed_sources; when all were new, nothing can be stored for them to delete.
 * Returns the rows inserted.
 */
export function replaceEmails(entity: EntityKey, written: "all-new" | "all" | "some"): string[] {
  const source = EMAIL_SOURCE[entity];
  if (!source) return [];
  const insert = (from: string) => `
    WITH ins AS (
      INSERT INTO servicing_email_address (address, source_type, source_id, customer_id)
      SELECT se.address, se.source_type, se.source_id, se.customer_id ${from}
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`;
  // No ON CONFLICT: the rows of each written source were just deleted (or never existed), ids are
  // unique in the file and splitEmailList lists an address once per field, so nothing can collide.
  if (written === "all-new")
    return [insert(`FROM stage_emails se WHERE se.source_type = '${source}'`)];
  if (written === "all")
    return [
      `DELETE FROM servicing_email_address e USING stage_${entity} s
       WHERE e.source_type = '${source}' AND e.source_id = s.id`,
      insert(`FROM stage_emails se WHERE se.source_type = '${source}'`),
    ];
  return [
    `DELETE FROM servicing_email_address e USING changed_sources c
     WHERE c.source_type = '${source}' AND e.source_type = '${source}' AND e.source_id = c.id`,
    insert(`FROM stage_emails se JOIN changed_sources c ON c.source_type = se.source_type AND c.id = se.source_id
      WHERE c.source_type = '${source}'`),
  ];
}
