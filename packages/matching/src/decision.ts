import { postalCodesMatch } from "./postal";

/** Why an enrollment is refused, in the order the rules are checked. */
export const REJECTION_REASONS = [
  "EMAIL_NOT_ON_FILE",
  "CONTRACT_NOT_FOUND",
  "CONTRACT_NOT_BOOKED",
  "CONTRACT_OF_OTHER_CUSTOMER",
  "POSTAL_CODE_MISMATCH",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface ContractFacts {
  customerId: string;
  booked: boolean;
  postalCode: string | null;
  country: string | null;
}

export interface EmailOwnerFacts {
  /** Customers whose own email field, or one of whose contacts' email field, lists the address. */
  customerIds: string[];
  /** Customers of contracts whose bill-to location's email field lists the address. */
  billToCustomerIds: string[];
}

export type Decision =
  { eligible: true; customerId: string } | { eligible: false; reason: RejectionReason };

export function isBookedStatus(status: string | null | undefined): boolean {
  return status?.trim().toUpperCase() === "BOOKED";
}

export function decideEligibility(args: {
  enteredPostalCode: string;
  contract: ContractFacts | null;
  owners: EmailOwnerFacts;
}): Decision {
  const { enteredPostalCode, contract, owners } = args;
  const ownerIds = new Set([...owners.customerIds, ...owners.billToCustomerIds]);
  if (ownerIds.size === 0) return { eligible: false, reason: "EMAIL_NOT_ON_FILE" };
  if (contract === null) return { eligible: false, reason: "CONTRACT_NOT_FOUND" };
  if (!contract.booked) return { eligible: false, reason: "CONTRACT_NOT_BOOKED" };
  // An email may belong to several customers: the contract picks which one is enrolling.
  // Checked before the postal code so that another customer's postal code cannot be probed.
  if (!ownerIds.has(contract.customerId)) {
    return { eligible: false, reason: "CONTRACT_OF_OTHER_CUSTOMER" };
  }
  if (!postalCodesMatch(enteredPostalCode, contract.postalCode, contract.country)) {
    return { eligible: false, reason: "POSTAL_CODE_MISMATCH" };
  }
  return { eligible: true, customerId: contract.customerId };
}
