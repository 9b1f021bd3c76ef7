import { isBookedStatus, splitEmailList } from "@portal/matching";
import { generateCustomer } from "./servicing-generator";

export type ProbeKind = "eligible" | "wrong-postal-code" | "unknown-email" | "unknown-contract";

/** One enrollment attempt whose answer is known from the generator. */
export interface Probe {
  kind: ProbeKind;
  email: string;
  contractId: string;
  billingPostalCode: string;
  eligible: boolean;
}

/** Deterministic pseudo-random integers for picking customers (not the generator's streams). */
export function picker(seed: number) {
  let state = seed >>> 0 || 1;
  return (below: number) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

/**
 * What customer `index` of the export can enroll with: a booked contract with a billing postal code
 * and an address on file for that customer (its own email field, a contact's, or the email of a
 * location one of its contracts bills to). Null when the customer has none.
 */
export function eligibleTriple(
  seed: number,
  index: number,
): Omit<Probe, "kind" | "eligible"> | null {
  const generated = generateCustomer(seed, index);
  const contract = generated.contracts.find(
    (c) => isBookedStatus(c.status) && c.billingAddress?.postalCode,
  );
  if (!contract) return null;
  const billedLocations = new Set(generated.contracts.map((c) => c.billToLocationId));
  const addresses = [
    ...splitEmailList(generated.customer.email),
    ...generated.contacts.flatMap((c) => splitEmailList(c.email)),
    ...generated.locations
      .filter((l) => billedLocations.has(l.locationId))
      .flatMap((l) => splitEmailList(l.email)),
  ];
  const email = addresses[index % Math.max(addresses.length, 1)];
  if (!email) return null;
  return {
    email,
    contractId: contract.contractId,
    billingPostalCode: contract.billingAddress!.postalCode!,
  };
}

/**
 * `count` probes over customers [0, customers): 70% eligible, 10% each of a wrong postal code, an
 * address not on file and a contract that does not exist. The same for the same arguments.
 */
export function buildProbes(seed: number, customers: number, count: number, pickSeed = 7): Probe[] {
  const next = picker(pickSeed);
  const probes: Probe[] = [];
  while (probes.length < count) {
    const index = next(customers);
    const triple = eligibleTriple(seed, index);
    if (!triple) continue;
    const roll = next(10);
    if (roll < 7) probes.push({ kind: "eligible", ...triple, eligible: true });
    else if (roll === 7)
      probes.push({
        kind: "wrong-postal-code",
        ...triple,
        billingPostalCode: "Z9Z 9Z9",
        eligible: false,
      });
    else if (roll === 8)
      probes.push({
        kind: "unknown-email",
        ...triple,
        email: `nobody.${index}@unknown.example`,
        eligible: false,
      });
    else
      probes.push({
        kind: "unknown-contract",
        ...triple,
        contractId: `LSE-9${String(index).padStart(9, "0")}`,
        eligible: false,
      });
  }
  return probes;
}
