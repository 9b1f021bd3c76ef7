import { STORED_LENGTH, normalizeContractId } from "@portal/matching";
import { storableText } from "../db/storable-text";
import { Prisma, type PrismaClient } from "../generated/prisma/client";

/** A contract as an account sees it. */
export interface ContractView {
  contractId: string;
  customerName: string;
  billingAddress: {
    line1: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string | null;
  } | null;
}

interface ContractRow {
  id: string;
  customer_name: string;
  billing_line1: string | null;
  billing_city: string | null;
  billing_region: string | null;
  billing_postal_code: string | null;
  billing_country: string | null;
}

/** A contract the portal saw booked and no longer sees booked. */
export interface ClosedContractView {
  contractId: string;
  customerName: string;
  closedOn: Date;
}

/**
 * The customers an account may see now: those it holds a grant for that is not suspended. Every
 * contract query starts here, so no id passed by a client can reach another customer's contract.
 */
const grantedCustomers = (userId: string) => Prisma.sql`
  (SELECT customer_id FROM customer_access_grant
   WHERE user_id = ${userId}::uuid AND suspended_at IS NULL) g`;

/** The booked contracts of those customers, read as servicing data stands now. */
const visible = (userId: string) => Prisma.sql`
  SELECT c.id, cu.name AS customer_name, c.billing_line1, c.billing_city, c.billing_region,
         c.billing_postal_code, c.billing_country
  FROM ${grantedCustomers(userId)}
  JOIN servicing_contract c ON c.customer_id = g.customer_id AND c.booked
  JOIN servicing_customer cu ON cu.id = c.customer_id`;

export class ContractsService {
  constructor(private readonly prisma: PrismaClient) {}

  async visibleTo(userId: string): Promise<ContractView[]> {
    const rows = await this.prisma.$queryRaw<ContractRow[]>`${visible(userId)} ORDER BY c.id`;
    return rows.map(toContract);
  }

  /** Closed contracts of the same customers, the most recently closed first. */
  async closedVisibleTo(userId: string): Promise<ClosedContractView[]> {
    const rows = await this.prisma.$queryRaw<
      { id: string; customer_name: string; closed_at: Date }[]
    >`SELECT c.id, cu.name AS customer_name, c.closed_at
      FROM ${grantedCustomers(userId)}
      JOIN servicing_contract c ON c.customer_id = g.customer_id AND NOT c.booked AND c.closed_at IS NOT NULL
      JOIN servicing_customer cu ON cu.id = c.customer_id
      ORDER BY c.closed_at DESC, c.id`;
    return rows.map((r) => ({
      contractId: r.id,
      customerName: r.customer_name,
      closedOn: r.closed_at,
    }));
  }

  /**
   * Whether the account has grants and every one is suspended: it may sign in but sees nothing,
   * and is told to contact support.
   */
  async accessSuspended(userId: string): Promise<boolean> {
    const [row] = await this.prisma.$queryRaw<{ total: number; suspended: number }[]>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE suspended_at IS NOT NULL)::int AS suspended
      FROM customer_access_grant WHERE user_id = ${userId}::uuid`;
    return (row?.total ?? 0) > 0 && row?.suspended === row?.total;
  }

  async visibleContract(userId: string, contractId: string): Promise<ContractView | null> {
    if (contractId.length > STORED_LENGTH.contractId) return null;
    const key = storableText(normalizeContractId(contractId), STORED_LENGTH.contractId);
    const rows = await this.prisma.$queryRaw<
      ContractRow[]
    >`${visible(userId)} WHERE c.contract_key = ${key}`;
    return rows[0] ? toContract(rows[0]) : null;
  }
}

function toContract(row: ContractRow): ContractView {
  const hasAddress = [
    row.billing_line1,
    row.billing_city,
    row.billing_region,
    row.billing_postal_code,
    row.billing_country,
  ].some((v) => v !== null);
  return {
    contractId: row.id,
    customerName: row.customer_name,
    billingAddress: hasAddress
      ? {
          line1: row.billing_line1,
          city: row.billing_city,
          region: row.billing_region,
          postalCode: row.billing_postal_code,
          country: row.billing_country,
        }
      : null,
  };
}
