import { isBookedStatus, normalizeContractId } from "@portal/matching";
import type { SqlRunner } from "../db/adapters";
import { emailIndexRows } from "./email-index";
import type {
  ContactRecord,
  ContractRecord,
  CustomerRecord,
  EntityKey,
  LocationRecord,
} from "./servicing-file.schema";
import { ServicingImportError } from "./servicing-import.errors";
import { STAGE_INSERT } from "./servicing-staging.sql";
import { STAGE_REMOVED } from "./servicing-sync.sql";

/** Problems listed in the error; past this only the count grows (a file of a million bad rows). */
const MAX_LISTED_PROBLEMS = 1000;
export class ProblemList {
  readonly listed: string[] = [];
  total = 0;
  add(problem: string) {
    this.total++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
  throwIfAny() {
    if (this.total > 0) throw new ServicingImportError(this.listed, this.total);
  }
}

/** Columns for unnest, filled record by record and handed to the database a batch at a time. */
class Batch {
  readonly columns: unknown[][];
  size = 0;
  constructor(
    readonly table: EntityKey | "emails" | "removed",
    width: number,
  ) {
    this.columns = Array.from({ length: width }, () => []);
  }
  push(...values: unknown[]) {
    for (let i = 0; i < values.length; i++) this.columns[i]!.push(values[i]);
    this.size++;
  }
  take(): unknown[][] {
    const out = this.columns.map((column) => column.splice(0));
    this.size = 0;
    return out;
  }
}

export class Stager {
  private readonly batches: Record<EntityKey | "emails" | "removed", Batch> = {
    customers: new Batch("customers", 4),
    contacts: new Batch("contacts", 6),
    locations: new Batch("locations", 4),
    contracts: new Batch("contracts", 12),
    emails: new Batch("emails", 4),
    removed: new Batch("removed", 3),
  };
  /** One statement in flight while the next batch is parsed: the database and Node work in parallel. */
  private inFlight: Promise<unknown> = Promise.resolve();
  emailRows = 0;
  /** Records staged per entity. */
  readonly staged: Record<EntityKey, number> = {
    customers: 0,
    contacts: 0,
    locations: 0,
    contracts: 0,
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly batchSize: number,
  ) {}

  async add(entity: EntityKey, pos: number, record: unknown) {
    const batch = this.batches[entity];
    this.staged[entity]++;
    switch (entity) {
      case "customers": {
        const c = record as CustomerRecord;
        batch.push(pos, c.customerId, c.name, c.email);
        this.indexEmails("CUSTOMER", c.customerId, c.customerId, c.email);
        break;
      }
      case "contacts": {
        const c = record as ContactRecord;
        batch.push(pos, c.contactId, c.customerId, c.firstName, c.lastName, c.email);
        this.indexEmails("CONTACT", c.contactId, c.customerId, c.email);
        break;
      }
      case "locations": {
        const l = record as LocationRecord;
        batch.push(pos, l.locationId, l.customerId, l.email);
        this.indexEmails("LOCATION", l.locationId, l.customerId, l.email);
        break;
      }
      case "contracts": {
        const c = record as ContractRecord;
        const a = c.billingAddress;
        batch.push(
          pos,
          c.contractId,
          normalizeContractId(c.contractId),
          c.customerId,
          c.status,
          isBookedStatus(c.status),
          c.billToLocationId,
          a?.line1 ?? null,
          a?.city ?? null,
          a?.region ?? null,
          a?.postalCode ?? null,
          a?.country ?? null,
        );
        break;
      }
    }
    if (batch.size >= this.batchSize) await this.flush(batch);
    if (this.batches.emails.size >= this.batchSize) await this.flush(this.batches.emails);
  }

  /** An id of a delta's removed lists. */
  async addRemoval(entity: EntityKey, pos: number, id: string) {
    this.batches.removed.push(pos, entity, id);
    if (this.batches.removed.size >= this.batchSize) await this.flush(this.batches.removed);
  }

  /** The rows of servicing_email_address for one stored email field: one per listed address. */
  private indexEmails(
    ...[sourceType, sourceId, customerId, storedEmail]: Parameters<typeof emailIndexRows>
  ) {
    for (const row of emailIndexRows(sourceType, sourceId, customerId, storedEmail)) {
      this.batches.emails.push(row.address, row.sourceType, row.sourceId, row.customerId);
    }
  }

  private async flush(batch: Batch) {
    if (batch.size === 0) return;
    if (batch.table === "emails") this.emailRows += batch.size;
    const columns = batch.take();
    await this.inFlight;
    this.inFlight = this.sql.query(
      batch.table === "removed" ? STAGE_REMOVED : STAGE_INSERT[batch.table],
      columns,
    );
  }

  async finish() {
    for (const batch of Object.values(this.batches)) await this.flush(batch);
    await this.inFlight;
  }
}
