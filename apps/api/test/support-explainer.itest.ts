import { type Explanation, decideEligibility, normalizeEmail } from "@portal/matching";
import {
  type SelfEnrollVariables,
  type TestApp,
  importFixture,
  selfEnroll,
  servicingFixture,
  startTestApp,
} from "@portal/test-support";
import { EligibilityRepository } from "../src/enrollment/eligibility.repository";
import { EligibilityExplainerRepository } from "../src/support/eligibility-explainer.repository";
import {
  EligibilityExplainer,
  type ExplainEligibilityInput,
} from "../src/support/eligibility-explainer.service";

let app: TestApp;
let explainer: EligibilityExplainer;
beforeAll(async () => {
  app = await startTestApp(servicingFixture);
  explainer = new EligibilityExplainer(new EligibilityExplainerRepository(app.db.prisma));
});
afterAll(() => app.close());

/** Rows of every table an enrollment, a mail or an audit could write to. */
async function portalRowCounts() {
  const { prisma } = app.db;
  return {
    portalUser: await prisma.portalUser.count(),
    grants: await prisma.customerAccessGrant.count(),
    enrollmentAttempt: await prisma.enrollmentAttempt.count(),
    mailOutbox: await prisma.mailOutbox.count(),
    mailRequest: await prisma.mailRequest.count(),
    auditEvent: await prisma.auditEvent.count(),
  };
}

/** Explains, checking that nothing was written meanwhile. */
async function explain(input: ExplainEligibilityInput) {
  const before = await portalRowCounts();
  const outcome = await explainer.explain(input);
  expect(await portalRowCounts()).toEqual(before);
  return outcome;
}

async function explained(email: string, billingPostalCode: string, contractId: string) {
  const outcome = await explain({ email, billingPostalCode, contractId });
  if (outcome.kind !== "explained") throw new Error(`not explained: ${JSON.stringify(outcome)}`);
  return outcome;
}

const check = (explanation: Explanation, rule: Explanation["checks"][number]["rule"]) =>
  explanation.checks.find((c) => c.rule === rule);

/** What the real selfEnroll answered, and the reason it logged. */
async function enrolled(input: SelfEnrollVariables) {
  const answer = await selfEnroll(app, input);
  const attempt = await app.db.prisma.enrollmentAttempt.findFirstOrThrow({
    where: { email: normalizeEmail(input.email) },
    orderBy: { createdAt: "desc" },
  });
  return { answer, attempt };
}

const CASES: [label: string, email: string, postal: string, contract: string][] = [
  ["the customer's own email", "owner@us-customer.example", "94607", "US-001"],
  ["spacing and case", "  OWNER@us-customer.EXAMPLE ", "94607-9999", "  us-001 "],
  [
    "a ZIP differing in the first five digits",
    "billing@us-customer.example",
    "94608-3410",
    "US-001",
  ],
  ["a contact's email", "pat@contact.example", "10001", "US-002"],
  ["a bill-to location's email", "ap@us-customer.example", "94607", "US-001"],
  ["a bill-to email for another contract", "payables@us-customer.example", "60601", "US-003"],
  ["a location that bills nothing", "warehouse@us-customer.example", "94607", "US-001"],
  ["a substring of an address", "wner@us-customer.example", "94607", "US-001"],
  ["an unknown email", "stranger@nowhere.example", "94607", "US-001"],
  ["an unknown email and contract", "stranger@nowhere.example", "00000", "NOPE"],
  ["another customer's contract", "owner@us-customer.example", "K1A 0B1", "CA-001"],
  ["a contract not booked", "owner@us-customer.example", "94607", "US-OFF"],
  ["a terminated customer", "gone@terminated.example", "02108", "T-001"],
  ["a terminated customer's contact", "old@terminated.example", "02108", "T-001"],
  ["an unknown contract", "owner@us-customer.example", "94607", "US-999"],
  ["a contract with no billing address", "pat@contact.example", "00000", "N-001"],
  ["Canada, lower case without a space", "compta@ca-customer.example", "k1a0b1", "CA-001"],
  ["Canada, the sixth character differs", "compta@ca-customer.example", "K1A 0B2", "CA-001"],
  ["Canada, bill-to location", "factures@ca-customer.example", "K1A 0B1 9", "CA-001"],
  ["elsewhere, the whole code", "ops@uk-customer.example", "sw1a1aa", "UK-001"],
  ["elsewhere, a prefix", "ops@uk-customer.example", "SW1A", "UK-001"],
  ["a shared email, the contract's customer", "shared@family.example", "73301", "SH-2"],
  ["a shared email, the other customer's code", "shared@family.example", "73301", "SH-1"],
  ["an address listed after a comma", "other@family.example", "73301", "SH-2"],
];

describe("the explainer reaches selfEnroll's verdict", () => {
  test.each(CASES)("%s", async (_label, email, billingPostalCode, contractId) => {
    const explanation = await explained(email, billingPostalCode, contractId);

    // The decision as selfEnroll makes it, on the facts its own prepared statement reads.
    const facts = await new EligibilityRepository(app.db.sql).findFacts(
      normalizeEmail(email),
      contractId.trim().toUpperCase(),
    );
    const decision = decideEligibility({ enteredPostalCode: billingPostalCode.trim(), ...facts });
    expect(explanation.eligible).toBe(decision.eligible);
    expect(explanation.reasonCode).toBe(decision.eligible ? null : decision.reason);

    // And the real mutation: its answer, and the reason and customer it logged.
    const { answer, attempt } = await enrolled({ email, billingPostalCode, contractId });
    if (explanation.eligible) {
      expect(answer.__typename).toBe("EnrollmentStarted");
      expect(["ELIGIBLE", "ALREADY_ENROLLED"]).toContain(attempt.reasonCode);
      expect(attempt.customerId).toBe(explanation.customerId);
    } else {
      expect(answer.__typename).toBe("EnrollmentRejected");
      expect(attempt.reasonCode).toBe(explanation.reasonCode);
      expect(explanation.customerId).toBeNull();
    }
  });

  test("refuses the same malformed input as selfEnroll, with the same field errors", async () => {
    const input = { email: "a@x.example, b@y.example", billingPostalCode: " - ", contractId: "" };
    const outcome = await explain(input);
    const { answer } = await enrolled(input);
    expect(outcome).toEqual({
      kind: "invalid",
      problems: [
        { field: "email", code: "INVALID_EMAIL" },
        { field: "billingPostalCode", code: "REQUIRED" },
        { field: "contractId", code: "REQUIRED" },
      ],
    });
    expect(answer.fieldErrors?.map(({ field, code }) => ({ field, code }))).toEqual(
      outcome.kind === "invalid" ? outcome.problems : [],
    );
  });
});

describe("what the explanation says is on file", () => {
  test("a postal code mismatch names the stored and entered codes and their compared forms", async () => {
    const explanation = await explained("billing@us-customer.example", "94608-3410", "US-001");
    expect(explanation.postal).toEqual({
      country: "US",
      rule: "US_FIRST_5",
      countryStored: "US",
      storedRaw: "94607-3410",
      storedCompared: "94607",
      enteredRaw: "94608-3410",
      enteredCompared: "94608",
      matches: false,
    });
    expect(check(explanation, "POSTAL_CODE_MATCHES")).toEqual({
      rule: "POSTAL_CODE_MATCHES",
      status: "FAILED",
      decisive: true,
      detail:
        'billing country US, the first 5 letters and digits compared; stored postal code "94607-3410" compares as "94607"; entered "94608-3410" compares as "94608"; they differ',
    });
  });

  test("a contact's email names the contact", async () => {
    const explanation = await explained("pat@contact.example", "10001", "US-002");
    expect(explanation.onFile).toEqual([
      { customerId: "C-US", source: "CONTACT", sourceId: "K-1", recordCustomerId: "C-US" },
    ]);
    expect(check(explanation, "EMAIL_ON_FILE")?.detail).toBe(
      "this address is on file for customer C-US through contact K-1",
    );
    expect(check(explanation, "POSTAL_CODE_MATCHES")?.detail).toContain(
      'billing country US (stored as "United States")',
    );
  });

  test("a bill-to location's email names the location, from a list with spaces around ';'", async () => {
    const explanation = await explained("ap@us-customer.example", "94607", "US-001");
    expect(explanation.onFile).toEqual([
      { customerId: "C-US", source: "LOCATION", sourceId: "L-US", recordCustomerId: "C-US" },
    ]);
    expect(check(explanation, "EMAIL_ON_FILE")?.detail).toBe(
      "this address is on file for customer C-US through bill-to location L-US",
    );
  });

  test("a location no contract bills to is shown, and proves nobody", async () => {
    const explanation = await explained("warehouse@us-customer.example", "94607", "US-001");
    expect(explanation).toMatchObject({
      eligible: false,
      reasonCode: "EMAIL_NOT_ON_FILE",
      onFile: [],
      unbilledLocations: [{ locationId: "L-US-UNUSED", customerId: "C-US" }],
    });
    expect(check(explanation, "EMAIL_ON_FILE")?.detail).toBe(
      "this address is on file only on location L-US-UNUSED of customer C-US, which no contract bills to, so it proves no customer",
    );
  });

  test("an address of a stored field listing several, for each customer that lists it", async () => {
    const explanation = await explained("shared@family.example", "73301", "SH-2");
    expect(explanation.onFile.map((p) => [p.customerId, p.source, p.sourceId])).toEqual([
      ["C-SHARED-1", "CUSTOMER", "C-SHARED-1"],
      ["C-SHARED-2", "CUSTOMER", "C-SHARED-2"],
    ]);
    expect(check(explanation, "EMAIL_ON_FILE")?.detail).toBe(
      "this address is on file for customer C-SHARED-1 as the customer's own email, and for customer C-SHARED-2 as the customer's own email",
    );
    expect(explanation).toMatchObject({ eligible: true, customerId: "C-SHARED-2" });
  });

  test("an unknown email: nothing on file, and the contract's checks still reported", async () => {
    const explanation = await explained("stranger@nowhere.example", "94607", "US-001");
    expect(explanation.onFile).toEqual([]);
    expect(check(explanation, "EMAIL_ON_FILE")).toEqual({
      rule: "EMAIL_ON_FILE",
      status: "FAILED",
      decisive: true,
      detail: "this address is not on file: no customer, contact or bill-to location lists it",
    });
    expect(explanation.checks.map((c) => c.status)).toEqual([
      "FAILED",
      "PASSED",
      "PASSED",
      "FAILED",
      "PASSED",
    ]);
  });

  test("another customer's contract: refused for that, while staff still see its postal code compared", async () => {
    const explanation = await explained("owner@us-customer.example", "K1A 0B1", "CA-001");
    expect(explanation.reasonCode).toBe("CONTRACT_OF_OTHER_CUSTOMER");
    expect(check(explanation, "CONTRACT_OF_EMAIL_CUSTOMER")).toEqual({
      rule: "CONTRACT_OF_EMAIL_CUSTOMER",
      status: "FAILED",
      decisive: true,
      detail:
        "contract CA-001 belongs to customer C-CA, but this address is on file only for customer C-US",
    });
    expect(check(explanation, "POSTAL_CODE_MATCHES")).toMatchObject({
      status: "PASSED",
      decisive: false,
    });
    expect(explanation.postal).toMatchObject({ storedRaw: "k1a 0b1", storedCompared: "K1A0B1" });
  });

  test("an unknown contract leaves the contract's checks unchecked", async () => {
    const explanation = await explained("owner@us-customer.example", "94607", " us-999 ");
    expect(explanation.contract).toBeNull();
    expect(check(explanation, "CONTRACT_FOUND")?.detail).toBe(
      'no contract is on file as "US-999" (compared trimmed, ignoring case)',
    );
    expect(explanation.checks.slice(2).map((c) => c.status)).toEqual([
      "NOT_CHECKED",
      "NOT_CHECKED",
      "NOT_CHECKED",
    ]);
  });
});

describe("after an import closes a contract", () => {
  beforeAll(async () => {
    const us003 = servicingFixture.contracts.find((c) => c.contractId === "US-003");
    await importFixture(app.db, { contracts: [{ ...us003, status: "TERMINATED" }] });
  });

  test("the closed contract is not booked, with the day it closed, as selfEnroll decides", async () => {
    const explanation = await explained("owner@us-customer.example", "60601", "US-003");
    const closedAt = explanation.contract?.closedAt;
    expect(closedAt).toBeInstanceOf(Date);
    expect(explanation).toMatchObject({
      eligible: false,
      reasonCode: "CONTRACT_NOT_BOOKED",
      contract: { id: "US-003", status: "TERMINATED", booked: false },
    });
    expect(check(explanation, "CONTRACT_BOOKED")?.detail).toBe(
      `contract US-003 is not booked: its status is "TERMINATED", closed on ${closedAt?.toISOString().slice(0, 10)}`,
    );
    const { attempt } = await enrolled({
      email: "owner@us-customer.example",
      billingPostalCode: "60601",
      contractId: "US-003",
    });
    expect(attempt.reasonCode).toBe("CONTRACT_NOT_BOOKED");
  });
});
