import { normalizeContractId } from "@portal/matching";
import { storableText } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import { BillingAddress, PortalContract } from "./viewer.types";

interface ContractRow {
  id: string;
  customer_name: string;
  billing_line1: string | null;
  billing_city: string | null;
  billing_region: string | null;
  billing_postal_code: string | null;
  billing_country: string | null;
}

/**
 * The contracts an account sees: the booked contracts of the customers it was granted, read as
 * servicing data stands now. The grant join is in every query, so no id passed by a client can
 * reach another customer's contract.
 */
const VISIBLE = `
  SELECT c.id, cu.name AS customer_name, c.billing_line1, c.billing_city, c.billing_region,
         c.billing_postal_code, c.billing_country
  FROM customer_access_grant g
  JOIN servicing_contract c ON c.customer_id = g.customer_id AND c.booked
  JOIN servicing_customer cu ON cu.id = c.customer_id
  WHERE g.user_id = $1::uuid`;

export class ContractsService {
  constructor(private readonly prisma: PrismaClient) {}

  async visibleTo(userId: string): Promise<PortalContract[]> {
    const rows = await this.prisma.$queryRawUnsafe<ContractRow[]>(`${VISIBLE} ORDER BY c.id`, userId);
    return rows.map(toContract);
  }

  async visibleContract(userId: string, contractId: string): Promise<PortalContract | null> {
    if (contractId.length > 100) return null;
    const rows = await this.prisma.$queryRawUnsafe<ContractRow[]>(
      `${VISIBLE} AND c.contract_key = $2`,
      userId,
      storableText(normalizeContractId(contractId), 100),
    );
    return rows[0] ? toContract(rows[0]) : null;
  }
}

function toContract(row: ContractRow): PortalContract {
  const hasAddress = [row.billing_line1, row.billing_city, row.billing_region, row.billing_postal_code, row.billing_country].some(
    (v) => v !== null,
  );
  return Object.assign(new PortalContract(), {
    contractId: row.id,
    customerName: row.customer_name,
    billingAddress: hasAddress
      ? Object.assign(new BillingAddress(), {
          line1: row.billing_line1,
          city: row.billing_city,
          region: row.billing_region,
          postalCode: row.billing_postal_code,
          country: row.billing_country,
        })
      : null,
  });
}
