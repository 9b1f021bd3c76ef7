import type {
  ContractRecordFacts,
  EmailOnFile,
  PostalExplanation,
  UnbilledLocation,
} from "./explain.types";
import type { PostalRule } from "./postal";

/** The sentences support staff read for each check: what is on file, in plain English. */

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Typed or stored text is quoted as is (JSON quoting shows spaces and strange characters). */
const quoted = (text: string) => JSON.stringify(text);

const customers = (ids: readonly string[]) =>
  `${ids.length === 1 ? "customer" : "customers"} ${listed(ids)}`;

function throughRecord(proof: EmailOnFile): string {
  switch (proof.source) {
    case "CUSTOMER":
      return "as the customer's own email";
    case "CONTACT":
      return `through contact ${proof.sourceId}`;
    case "LOCATION":
      return proof.recordCustomerId === proof.customerId
        ? `through bill-to location ${proof.sourceId}`
        : `through bill-to location ${proof.sourceId} (a location of customer ${proof.recordCustomerId})`;
  }
}

export function emailDetail(
  onFile: readonly EmailOnFile[],
  unbilled: readonly UnbilledLocation[],
): string {
  const byCustomer = new Map<string, string[]>();
  for (const proof of onFile) {
    const ways = byCustomer.get(proof.customerId) ?? [];
    byCustomer.set(proof.customerId, [...ways, throughRecord(proof)]);
  }
  const proved = [...byCustomer].map(([id, ways]) => `for customer ${id} ${listed(ways)}`);
  const locations = listed(unbilled.map((l) => `${l.locationId} of customer ${l.customerId}`));
  const noBilling =
    unbilled.length === 1
      ? `location ${locations}, which no contract bills to, so it proves no customer`
      : `locations ${locations}, which no contract bills to, so they prove no customer`;
  if (proved.length === 0) {
    return unbilled.length === 0
      ? "this address is not on file: no customer, contact or bill-to location lists it"
      : `this address is on file only on ${noBilling}`;
  }
  const forEach =
    proved.length === 1
      ? proved.join("")
      : `${proved.slice(0, -1).join(", ")}, and ${proved.at(-1)}`;
  const sentence = `this address is on file ${forEach}`;
  return unbilled.length === 0 ? sentence : `${sentence}; it is also on ${noBilling}`;
}

function contractName(contract: ContractRecordFacts): string {
  return contract.id === contract.key
    ? `contract ${contract.id}`
    : `contract ${contract.id} (compared as ${contract.key})`;
}

export function contractDetail(enteredKey: string, contract: ContractRecordFacts | null): string {
  return contract === null
    ? `no contract is on file as ${quoted(enteredKey)} (compared trimmed, ignoring case)`
    : `${contractName(contract)} is on file, for customer ${contract.customerId}`;
}

export function bookedDetail(contract: ContractRecordFacts | null): string {
  if (contract === null) return "no contract to check";
  if (contract.booked)
    return `${contractName(contract)} is booked, for customer ${contract.customerId}`;
  const closed =
    contract.closedAt === null ? "" : `, closed on ${contract.closedAt.toISOString().slice(0, 10)}`;
  return `${contractName(contract)} is not booked: its status is ${quoted(contract.status)}${closed}`;
}

export function ownershipDetail(
  contract: ContractRecordFacts | null,
  provedIds: readonly string[],
): string {
  if (contract === null) return "no contract to compare with the customers this address proves";
  const owner = `${contractName(contract)} belongs to customer ${contract.customerId}`;
  if (provedIds.includes(contract.customerId)) return `${owner}, for whom this address is on file`;
  return provedIds.length === 0
    ? `${owner}, and this address is on file for no customer`
    : `${owner}, but this address is on file only for ${customers(provedIds)}`;
}

const RULE_WORDS: Record<PostalRule, string> = {
  US_FIRST_5: "the first 5 letters and digits compared",
  CA_FIRST_6: "the first 6 letters and digits compared",
  WHOLE: "all letters and digits compared",
};

function countryClause(postal: PostalExplanation): string {
  const stored = postal.countryStored?.trim() ?? "";
  const rule = RULE_WORDS[postal.rule];
  if (postal.country === "OTHER") {
    return stored === ""
      ? `no billing country on file, so ${rule}`
      : `billing country ${quoted(stored)}, neither US nor Canada, so ${rule}`;
  }
  const spelled = stored === postal.country ? "" : ` (stored as ${quoted(stored)})`;
  return `billing country ${postal.country}${spelled}, ${rule}`;
}

export function postalDetail(postal: PostalExplanation | null): string {
  if (postal === null) return "no contract, so no billing address to compare with";
  const stored =
    postal.storedRaw === null
      ? "no billing postal code on file, which matches nothing"
      : `stored postal code ${quoted(postal.storedRaw)} compares as ${quoted(postal.storedCompared)}` +
        (postal.storedCompared === "" ? ", which matches nothing" : "");
  const entered = `entered ${quoted(postal.enteredRaw)} compares as ${quoted(postal.enteredCompared)}`;
  const verdict = postal.matches ? "they match" : "they differ";
  return `${countryClause(postal)}; ${stored}; ${entered}; ${verdict}`;
}
