import { type ContractFacts, type EmailOwnerFacts, decideEligibility } from "./decision";
import {
  bookedDetail,
  contractDetail,
  emailDetail,
  ownershipDetail,
  postalDetail,
} from "./explain.sentences";
import {
  type CheckStatus,
  ELIGIBILITY_RULES,
  type EligibilityRule,
  type EmailOnFile,
  type EmailRecordFacts,
  type ExplainedInput,
  type Explanation,
  type ExplanationFacts,
  type PostalExplanation,
  RULE_OF_REASON,
  type UnbilledLocation,
} from "./explain.types";
import { comparePostalCodes } from "./postal";

/*
 * The support desk's "why was this refused": the rules of `decideEligibility` on detailed facts, each
 * check reported with what is on file. Staff only: it says what the public answer must not (another
 * customer's postal code included), so nothing here is ever returned by `selfEnroll`.
 */

/** The decision's own facts from the detailed ones: the same owners the eligibility query finds. */
export function decisionFacts(facts: ExplanationFacts): {
  contract: ContractFacts | null;
  owners: EmailOwnerFacts;
} {
  const { contract, emailRecords } = facts;
  return {
    contract:
      contract === null
        ? null
        : {
            customerId: contract.customerId,
            booked: contract.booked,
            postalCode: contract.billingPostalCode,
            country: contract.billingCountry,
          },
    owners: {
      customerIds: emailRecords.filter((r) => r.source !== "LOCATION").map((r) => r.customerId),
      billToCustomerIds: emailRecords.flatMap((r) =>
        r.source === "LOCATION" ? r.billedCustomerIds : [],
      ),
    },
  };
}

export function explainEligibility(entered: ExplainedInput, facts: ExplanationFacts): Explanation {
  const { contract } = facts;
  const { onFile, unbilledLocations } = proofsOf(facts.emailRecords);
  const provedIds = [...new Set(onFile.map((p) => p.customerId))];
  const postal: PostalExplanation | null =
    contract === null
      ? null
      : {
          ...comparePostalCodes(
            entered.billingPostalCode,
            contract.billingPostalCode,
            contract.billingCountry,
          ),
          countryStored: contract.billingCountry,
          storedRaw: contract.billingPostalCode,
          enteredRaw: entered.billingPostalCode,
        };

  // Every check that the data allows is made, not only those up to the first failure: the
  // verdict itself is decideEligibility's, so the order that protects the public flow still rules.
  const statuses: Record<EligibilityRule, CheckStatus> = {
    EMAIL_ON_FILE: passedIf(provedIds.length > 0),
    CONTRACT_FOUND: passedIf(contract !== null),
    CONTRACT_BOOKED: contract === null ? "NOT_CHECKED" : passedIf(contract.booked),
    CONTRACT_OF_EMAIL_CUSTOMER:
      contract === null ? "NOT_CHECKED" : passedIf(provedIds.includes(contract.customerId)),
    POSTAL_CODE_MATCHES: postal === null ? "NOT_CHECKED" : passedIf(postal.matches),
  };
  const details: Record<EligibilityRule, string> = {
    EMAIL_ON_FILE: emailDetail(onFile, unbilledLocations),
    CONTRACT_FOUND: contractDetail(entered.contractId, contract),
    CONTRACT_BOOKED: bookedDetail(contract),
    CONTRACT_OF_EMAIL_CUSTOMER: ownershipDetail(contract, provedIds),
    POSTAL_CODE_MATCHES: postalDetail(postal),
  };

  const decision = decideEligibility({
    enteredPostalCode: entered.billingPostalCode,
    ...decisionFacts(facts),
  });
  const decisiveRule = decision.eligible ? null : RULE_OF_REASON[decision.reason];
  return {
    kind: "explained",
    eligible: decision.eligible,
    reasonCode: decision.eligible ? null : decision.reason,
    customerId: decision.eligible ? decision.customerId : null,
    checks: ELIGIBILITY_RULES.map((rule) => ({
      rule,
      status: statuses[rule],
      decisive: rule === decisiveRule,
      detail: details[rule],
    })),
    onFile,
    unbilledLocations,
    contract,
    postal,
  };
}

function passedIf(condition: boolean): CheckStatus {
  return condition ? "PASSED" : "FAILED";
}

/** Which customer each record proves: a location proves the customers it bills, not its owner. */
function proofsOf(records: readonly EmailRecordFacts[]): {
  onFile: EmailOnFile[];
  unbilledLocations: UnbilledLocation[];
} {
  const onFile = new Map<string, EmailOnFile>();
  const unbilledLocations = new Map<string, UnbilledLocation>();
  const add = (proof: EmailOnFile) =>
    onFile.set(JSON.stringify([proof.customerId, proof.source, proof.sourceId]), proof);
  for (const record of records) {
    const { source, sourceId, customerId } = record;
    if (source !== "LOCATION") {
      add({ customerId, source, sourceId, recordCustomerId: customerId });
    } else if (record.billedCustomerIds.length === 0) {
      unbilledLocations.set(sourceId, { locationId: sourceId, customerId });
    } else {
      for (const billed of record.billedCustomerIds)
        add({ customerId: billed, source, sourceId, recordCustomerId: customerId });
    }
  }
  return { onFile: [...onFile.values()], unbilledLocations: [...unbilledLocations.values()] };
}
