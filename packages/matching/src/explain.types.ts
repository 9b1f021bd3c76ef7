/** The support desk's eligibility explanation: its facts, codes and result (see explain.ts). */
import type { RejectionReason } from "./decision";
import type { NormalizedEnrollmentInput } from "./input";
import type { PostalComparison } from "./postal";

/** The kinds of stored record whose email field can list an address. */
export const EMAIL_SOURCES = ["CUSTOMER", "CONTACT", "LOCATION"] as const;
export type EmailSource = (typeof EMAIL_SOURCES)[number];

/** The checks, in the order `decideEligibility` applies them. */
export const ELIGIBILITY_RULES = [
  "EMAIL_ON_FILE",
  "CONTRACT_FOUND",
  "CONTRACT_BOOKED",
  "CONTRACT_OF_EMAIL_CUSTOMER",
  "POSTAL_CODE_MATCHES",
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export const CHECK_STATUSES = ["PASSED", "FAILED", "NOT_CHECKED"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The rule whose failure gives each refusal reason. */
export const RULE_OF_REASON: Readonly<Record<RejectionReason, EligibilityRule>> = {
  EMAIL_NOT_ON_FILE: "EMAIL_ON_FILE",
  CONTRACT_NOT_FOUND: "CONTRACT_FOUND",
  CONTRACT_NOT_BOOKED: "CONTRACT_BOOKED",
  CONTRACT_OF_OTHER_CUSTOMER: "CONTRACT_OF_EMAIL_CUSTOMER",
  POSTAL_CODE_MISMATCH: "POSTAL_CODE_MATCHES",
};

/** A stored email field that lists the entered address (one row of servicing_email_address). */
export type EmailRecordFacts =
  | {
      source: "CUSTOMER" | "CONTACT";
      /** The customer's or contact's id. */
      sourceId: string;
      /** The customer the record belongs to. */
      customerId: string;
    }
  | {
      source: "LOCATION";
      /** The location's id. */
      sourceId: string;
      /** The customer the location belongs to: not proved by it (see billedCustomerIds). */
      customerId: string;
      /** The customers of the contracts (any status) that bill to this location: each is proved. */
      billedCustomerIds: readonly string[];
    };

/** The contract the entered id names, as stored. */
export interface ContractRecordFacts {
  /** The contract id as the servicing system spells it. */
  id: string;
  /** Trimmed, upper-cased id: what an entered contract id is compared with. */
  key: string;
  customerId: string;
  status: string;
  booked: boolean;
  /** When an import first found it no longer booked after having seen it booked. */
  closedAt: Date | null;
  billingPostalCode: string | null;
  billingCountry: string | null;
}

export interface ExplanationFacts {
  contract: ContractRecordFacts | null;
  emailRecords: readonly EmailRecordFacts[];
}

/** A customer the address proves, and the record that lists it. */
export interface EmailOnFile {
  customerId: string;
  source: EmailSource;
  sourceId: string;
  /**
   * The customer whose record lists the address: `customerId` itself, except for a bill-to location
   * of another customer (the location's owner, while `customerId` is the customer it bills).
   */
  recordCustomerId: string;
}

/** A location whose email field lists the address but that no contract bills to: it proves nobody. */
export interface UnbilledLocation {
  locationId: string;
  customerId: string;
}

/** The postal code comparison of the contract's billing address, whatever the other checks said. */
export interface PostalExplanation extends PostalComparison {
  countryStored: string | null;
  storedRaw: string | null;
  enteredRaw: string;
}

export interface EligibilityCheck {
  rule: EligibilityRule;
  status: CheckStatus;
  /** True for the one failed check that gave the reason code (none when eligible). */
  decisive: boolean;
  /** One plain English sentence for staff saying what is on file. */
  detail: string;
}

export interface Explanation {
  kind: "explained";
  /** The same verdict, reason and customer as `decideEligibility` on the same data. */
  eligible: boolean;
  reasonCode: RejectionReason | null;
  /** The customer access would be granted to, when eligible. */
  customerId: string | null;
  /** Every rule, in ELIGIBILITY_RULES order. */
  checks: EligibilityCheck[];
  onFile: EmailOnFile[];
  unbilledLocations: UnbilledLocation[];
  contract: ContractRecordFacts | null;
  postal: PostalExplanation | null;
}

export type ExplainedInput = Pick<
  NormalizedEnrollmentInput,
  "email" | "contractId" | "billingPostalCode"
>;
