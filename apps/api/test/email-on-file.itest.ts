import { normalizeEmail } from "@portal/matching";
import {
  type SelfEnrollVariables,
  type TestApp,
  importFixture,
  selfEnroll,
  servicingFixture,
  startTestApp,
} from "@portal/test-support";
import { EligibilityExplainerRepository } from "../src/support/eligibility-explainer.repository";
import { EligibilityExplainer } from "../src/support/eligibility-explainer.service";

/*
 * "This address is on file for this customer" is one view, servicing_email_on_file, read by the
 * enrollment decision, the support explainer and the grant re-check of an import. Changed in that
 * one place, all three change their verdict.
 */

let app: TestApp;
let explainer: EligibilityExplainer;
beforeAll(async () => {
  app = await startTestApp(servicingFixture);
  explainer = new EligibilityExplainer(new EligibilityExplainerRepository(app.db.prisma));
});
afterAll(() => app.close());

// Three people of customer C-US, each proved a different way.
const PEOPLE = {
  contact: { email: "pat@contact.example", billingPostalCode: "10001", contractId: "US-002" },
  customer: {
    email: "billing@us-customer.example",
    billingPostalCode: "10001",
    contractId: "US-002",
  },
  billTo: { email: "ap@us-customer.example", billingPostalCode: "94607", contractId: "US-001" },
} satisfies Record<string, SelfEnrollVariables>;
type Who = keyof typeof PEOPLE;

/** What selfEnroll answers and logs for the person. */
async function enrollment(input: SelfEnrollVariables) {
  const answer = await selfEnroll(app, input);
  const attempt = await app.db.prisma.enrollmentAttempt.findFirstOrThrow({
    where: { email: normalizeEmail(input.email) },
    orderBy: { createdAt: "desc" },
  });
  return { answer: answer.__typename, reason: attempt.reasonCode };
}

async function explanation(input: SelfEnrollVariables) {
  const outcome = await explainer.explain(input);
  if (outcome.kind !== "explained") throw new Error(`not explained: ${JSON.stringify(outcome)}`);
  return { eligible: outcome.eligible, reason: outcome.reasonCode, onFile: outcome.onFile };
}

/** Whether each person's grant is in force after an import (which re-checks every grant). */
async function grantsAfterAnImport(): Promise<Record<Who, "IN_FORCE" | "SUSPENDED">> {
  // A delta that changes nothing: the re-check runs at the end of every import all the same.
  await importFixture(app.db, { contacts: [servicingFixture.contacts[1]] });
  const rows = await app.db.prisma.$queryRawUnsafe<{ email: string; suspended: boolean }[]>(
    `SELECT u.email, g.suspended_at IS NOT NULL AS suspended
     FROM customer_access_grant g JOIN portal_user u ON u.id = g.user_id`,
  );
  const state = (who: Who) => {
    const row = rows.find((r) => r.email === PEOPLE[who].email);
    if (row === undefined) throw new Error(`no grant for ${who}`);
    return row.suspended ? "SUSPENDED" : "IN_FORCE";
  };
  return { contact: state("contact"), customer: state("customer"), billTo: state("billTo") };
}

const ELIGIBLE_AGAIN = { answer: "EnrollmentStarted", reason: "ALREADY_ENROLLED" };

/** The rule as the migration defines it, minus contacts: the variant one edit of the view gives. */
const WITHOUT_CONTACTS = `CREATE OR REPLACE VIEW servicing_email_on_file AS
  SELECT e.address, e.customer_id, e.source_type, e.source_id,
         e.customer_id AS record_customer_id, NULL::text AS bill_to_contract_id
  FROM servicing_email_address e
  WHERE e.source_type = 'CUSTOMER'
  UNION ALL
  SELECT e.address, c.customer_id, e.source_type, e.source_id,
         e.customer_id AS record_customer_id, c.id AS bill_to_contract_id
  FROM servicing_email_address e
  JOIN servicing_contract c ON c.bill_to_location_id = e.source_id
  WHERE e.source_type = 'LOCATION'`;

describe("one definition of the email on file", () => {
  let definition: string;
  beforeAll(async () => {
    for (const input of Object.values(PEOPLE))
      expect((await selfEnroll(app, input)).__typename).toBe("EnrollmentStarted");
    const [row] = await app.db.prisma.$queryRawUnsafe<{ definition: string }[]>(
      `SELECT pg_get_viewdef('servicing_email_on_file'::regclass) AS definition`,
    );
    definition = row!.definition;
  });

  test("lists each proof: customer and contact fields, bill-to locations of contracts of any status", async () => {
    const rows = await app.db.prisma.$queryRawUnsafe<Record<string, string | null>[]>(
      `SELECT address, customer_id, source_type::text, source_id, record_customer_id, bill_to_contract_id
       FROM servicing_email_on_file WHERE customer_id = 'C-US' ORDER BY address, bill_to_contract_id`,
    );
    const proof = (address: string, type: string, source: string, contract: string | null) => ({
      address,
      customer_id: "C-US",
      source_type: type,
      source_id: source,
      record_customer_id: "C-US",
      bill_to_contract_id: contract,
    });
    expect(rows).toEqual([
      proof("ap@us-customer.example", "LOCATION", "L-US", "US-001"),
      // US-OFF is terminated: a bill-to location proves the customer whatever the contract's status.
      proof("ap@us-customer.example", "LOCATION", "L-US", "US-OFF"),
      proof("billing@us-customer.example", "CUSTOMER", "C-US", null),
      proof("owner@us-customer.example", "CUSTOMER", "C-US", null),
      proof("pat@contact.example", "CONTACT", "K-1", null),
      proof("payables@us-customer.example", "LOCATION", "L-US", "US-001"),
      proof("payables@us-customer.example", "LOCATION", "L-US", "US-OFF"),
    ]);
    // L-US-UNUSED lists warehouse@, but no contract bills to it: it proves nobody.
    const [unbilled] = await app.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM servicing_email_on_file WHERE address = 'warehouse@us-customer.example'`,
    );
    expect(unbilled!.n).toBe(0);
  });

  test("the decision, the explainer and the grant re-check agree to begin with", async () => {
    for (const input of Object.values(PEOPLE)) {
      expect(await enrollment(input)).toEqual(ELIGIBLE_AGAIN);
      expect(await explanation(input)).toMatchObject({ eligible: true, reason: null });
    }
    expect(await grantsAfterAnImport()).toEqual({
      contact: "IN_FORCE",
      customer: "IN_FORCE",
      billTo: "IN_FORCE",
    });
  });

  test("a view that no longer counts contacts changes all three verdicts for a contact's address", async () => {
    await app.db.prisma.$executeRawUnsafe(WITHOUT_CONTACTS);
    try {
      expect(await enrollment(PEOPLE.contact)).toEqual({
        answer: "EnrollmentRejected",
        reason: "EMAIL_NOT_ON_FILE",
      });
      expect(await explanation(PEOPLE.contact)).toEqual({
        eligible: false,
        reason: "EMAIL_NOT_ON_FILE",
        onFile: [],
      });
      expect(await grantsAfterAnImport()).toEqual({
        contact: "SUSPENDED",
        customer: "IN_FORCE",
        billTo: "IN_FORCE",
      });
      // The customer's own address and the bill-to location's are untouched.
      for (const input of [PEOPLE.customer, PEOPLE.billTo]) {
        expect(await enrollment(input)).toEqual(ELIGIBLE_AGAIN);
        expect(await explanation(input)).toMatchObject({ eligible: true, reason: null });
      }
    } finally {
      await app.db.prisma.$executeRawUnsafe(
        `CREATE OR REPLACE VIEW servicing_email_on_file AS ${definition}`,
      );
    }

    // The migration's definition back: all three follow again.
    expect(await grantsAfterAnImport()).toEqual({
      contact: "IN_FORCE",
      customer: "IN_FORCE",
      billTo: "IN_FORCE",
    });
    expect(await enrollment(PEOPLE.contact)).toEqual(ELIGIBLE_AGAIN);
    expect(await explanation(PEOPLE.contact)).toMatchObject({
      eligible: true,
      onFile: [{ customerId: "C-US", source: "CONTACT", sourceId: "K-1" }],
    });
  });

  test("a location's address proves the customer it bills, not the location's owner", async () => {
    // L-US-UNUSED belongs to C-US; make it the bill-to location of C-SHARED-1's contract SH-1.
    const sh1 = servicingFixture.contracts.find((c) => c.contractId === "SH-1")!;
    await importFixture(app.db, { contracts: [{ ...sh1, billToLocationId: "L-US-UNUSED" }] });
    const warehouse = { email: "warehouse@us-customer.example", billingPostalCode: "30301" };

    expect(await enrollment({ ...warehouse, contractId: "SH-1" })).toEqual({
      answer: "EnrollmentStarted",
      reason: "ELIGIBLE",
    });
    expect(await explanation({ ...warehouse, contractId: "SH-1" })).toMatchObject({
      eligible: true,
      onFile: [
        {
          customerId: "C-SHARED-1",
          source: "LOCATION",
          sourceId: "L-US-UNUSED",
          recordCustomerId: "C-US",
        },
      ],
    });
    const ofOwner = { ...warehouse, billingPostalCode: "94607", contractId: "US-001" };
    expect(await enrollment(ofOwner)).toEqual({
      answer: "EnrollmentRejected",
      reason: "CONTRACT_OF_OTHER_CUSTOMER",
    });
    expect(await explanation(ofOwner)).toMatchObject({
      eligible: false,
      reason: "CONTRACT_OF_OTHER_CUSTOMER",
    });

    // The re-check keeps the new grant (to C-SHARED-1), and suspends it once SH-1 bills elsewhere.
    const grantOf = async () => {
      const [row] = await app.db.prisma.$queryRawUnsafe<{ customer_id: string; s: boolean }[]>(
        `SELECT g.customer_id, g.suspended_at IS NOT NULL AS s FROM customer_access_grant g
         JOIN portal_user u ON u.id = g.user_id WHERE u.email = 'warehouse@us-customer.example'`,
      );
      return row;
    };
    await importFixture(app.db, { contacts: [servicingFixture.contacts[1]] });
    expect(await grantOf()).toEqual({ customer_id: "C-SHARED-1", s: false });
    await importFixture(app.db, { contracts: [sh1] });
    expect(await grantOf()).toEqual({ customer_id: "C-SHARED-1", s: true });
  });
});
