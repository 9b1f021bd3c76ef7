import { writeFileSync } from "node:fs";
import path from "node:path";
import { servicingFixtureWithPeople } from "@portal/test-support/standalone";

/**
 * Load people (`person-<i>@load.example`, each able to enroll with US-001) added to the servicing
 * fixture of the integration tests: enough that the SIGTERM phase is still enrolling new ones when
 * the slow relay has taken 10 mails (a few hundred enrollments take well under a second).
 */
export const PEOPLE = 4000;

export interface EnrollInput {
  firstName: string;
  lastName: string;
  email: string;
  billingPostalCode: string;
  contractId: string;
}

/** People who become active accounts when a phase needs one (each through its own contract). */
export const ACCOUNTS = {
  canada: {
    firstName: "Camille",
    lastName: "Comptable",
    email: "compta@ca-customer.example",
    billingPostalCode: "K1A 0B1",
    contractId: "CA-001",
  },
  uk: {
    firstName: "Olive",
    lastName: "Ops",
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A 1AA",
    contractId: "UK-001",
  },
} satisfies Record<string, EnrollInput>;

/** Writes the import file (docs/servicing-import.md) into `dir` and returns its path. */
export function writeServicingFile(dir: string): string {
  const file = path.join(dir, "servicing-drill.json");
  writeFileSync(file, JSON.stringify(servicingFixtureWithPeople(PEOPLE)));
  return file;
}
