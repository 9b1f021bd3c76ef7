import { servicingFixture, selfEnroll, useTestApp } from "@portal/test-support";

const app = useTestApp(servicingFixture);

const enroll = (email: string, billingPostalCode: string, contractId: string) =>
  selfEnroll(app, { email, billingPostalCode, contractId });

async function expectStarted(email: string, postal: string, contract: string) {
  const result = await enroll(email, postal, contract);
  expect(result.__typename).toBe("EnrollmentStarted");
  return result;
}

async function expectRejected(email: string, postal: string, contract: string) {
  const result = await enroll(email, postal, contract);
  expect(result.__typename).toBe("EnrollmentRejected");
  return result;
}

describe("which email addresses qualify", () => {
  test("the customer's own email, as one address of a list separated by ';'", async () => {
    await expectStarted("billing@us-customer.example", "94607", "US-001");
  });

  test("compares emails trimmed and without regard to case", async () => {
    await expectStarted("  OWNER@us-customer.EXAMPLE ", "94607", "US-001");
  });

  test("a contact of the customer, though the contact is on no contract", async () => {
    await expectStarted("pat@contact.example", "10001", "US-002");
  });

  test("the bill-to location's email of the customer's contract, from a list with spaces around ';'", async () => {
    await expectStarted("ap@us-customer.example", "94607", "US-001");
  });

  test("the bill-to email also proves the customer for its other booked contracts", async () => {
    await expectStarted("payables@us-customer.example", "60601", "US-003");
  });

  test("a location's email that is the bill-to of no contract does not qualify", async () => {
    await expectRejected("warehouse@us-customer.example", "94607", "US-001");
  });

  test.each([
    ["a substring of a listed address", "wner@us-customer.example"],
    ["a listed address with a longer domain", "owner@us-customer.example.com"],
    ["a listed address cut short", "owner@us-customer.exampl"],
    ["the domain alone", "us-customer.example@us-customer.example"],
  ])("does not match %s", async (_label, email) => {
    await expectRejected(email, "94607", "US-001");
  });

  test("an unknown email is rejected", async () => {
    await expectRejected("stranger@nowhere.example", "94607", "US-001");
  });
});

describe("which contract qualifies", () => {
  test("contract ids compare trimmed and without regard to case", async () => {
    await expectStarted("owner@us-customer.example", "94607", "  us-001 ");
  });

  test("a contract of another customer is refused", async () => {
    await expectRejected("owner@us-customer.example", "K1A 0B1", "CA-001");
  });

  test("a contract that is not booked is refused", async () => {
    await expectRejected("owner@us-customer.example", "94607", "US-OFF");
  });

  test("a customer whose only contract is terminated cannot enroll, nor can its contacts", async () => {
    await expectRejected("gone@terminated.example", "02108", "T-001");
    await expectRejected("old@terminated.example", "02108", "T-001");
  });

  test("an unknown contract is refused", async () => {
    await expectRejected("owner@us-customer.example", "94607", "US-999");
  });

  test("a contract with no billing address can never be matched", async () => {
    await expectRejected("pat@contact.example", "00000", "N-001");
  });
});

describe("billing postal code", () => {
  test.each([
    ["stored ZIP+4, entered ZIP", "94607", "US-001"],
    ["stored ZIP+4, entered the same ZIP+4", "94607-3410", "US-001"],
    ["stored ZIP+4, entered ZIP with another +4", "94607-9999", "US-001"],
    ["stored ZIP, entered ZIP+4", "10001-1234", "US-002"],
    ["country stored as a name", "10001", "US-002"],
    ["country stored as lower-case alpha-3", "60601", "US-003"],
  ])("US: %s matches", async (_label, postal, contract) => {
    await expectStarted("owner@us-customer.example", postal, contract);
  });

  test("US: a ZIP that differs in the first five digits is refused", async () => {
    await expectRejected("owner@us-customer.example", "94608-3410", "US-001");
  });

  test("US: a ZIP shorter than five digits is refused", async () => {
    await expectRejected("owner@us-customer.example", "9460", "US-001");
  });

  test.each([
    ["with a space, upper case", "K1A 0B1", "CA-001"],
    ["without a space, lower case", "k1a0b1", "CA-001"],
    ["with a dash", "K1A-0B1", "CA-001"],
    ["country stored as alpha-3", "m5h 2n2", "CA-002"],
  ])("Canada: %s matches", async (_label, postal, contract) => {
    await expectStarted("compta@ca-customer.example", postal, contract);
  });

  test("Canada: compares only the first six characters", async () => {
    await expectStarted("compta@ca-customer.example", "K1A 0B1 9", "CA-001");
  });

  test("Canada: a code that differs in the sixth character is refused", async () => {
    await expectRejected("compta@ca-customer.example", "K1A 0B2", "CA-001");
  });

  test("elsewhere the whole value is compared, ignoring spaces and case", async () => {
    await expectStarted("ops@uk-customer.example", "sw1a1aa", "UK-001");
  });

  test("elsewhere a prefix of the code is refused", async () => {
    await expectRejected("ops@uk-customer.example", "SW1A", "UK-001");
  });
});

describe("an email shared by two customers", () => {
  test("enrolls for the customer the contract belongs to, whichever that is", async () => {
    await expectStarted("shared@family.example", "73301", "SH-2");
    const user = await app.db.prisma.portalUser.findUniqueOrThrow({
      where: { email: "shared@family.example" },
      include: { grants: true },
    });
    expect(user.grants.map((g) => g.customerId)).toEqual(["C-SHARED-2"]);
  });

  test("each customer's contract must carry that customer's postal code", async () => {
    await expectRejected("shared@family.example", "73301", "SH-1");
  });
});

describe("the rejection answer", () => {
  test("is the same for every reason, so it never says which detail failed", async () => {
    const answers = await Promise.all([
      enroll("stranger@nowhere.example", "94607", "US-001"),
      enroll("owner@us-customer.example", "11111", "US-001"),
      enroll("owner@us-customer.example", "94607", "US-OFF"),
      enroll("owner@us-customer.example", "K1A 0B1", "CA-001"),
      enroll("owner@us-customer.example", "94607", "NOPE"),
    ]);
    const bodies = new Set(answers.map((a) => a.raw));
    expect(bodies.size).toBe(1);
    expect(answers[0].__typename).toBe("EnrollmentRejected");
    expect(answers[0].code).toBe("NOT_ELIGIBLE");
  });

  test("the attempt log keeps the internal reason for each", async () => {
    await enroll("reason-test@nowhere.example", "94607", "US-001");
    await enroll("owner@us-customer.example", "12345", "US-002");
    const reasons = await app.db.prisma.enrollmentAttempt.findMany({
      where: {
        email: { in: ["reason-test@nowhere.example", "owner@us-customer.example"] },
        outcome: "REJECTED",
      },
      select: { reasonCode: true },
    });
    const codes = reasons.map((r) => r.reasonCode);
    expect(codes).toContain("EMAIL_NOT_ON_FILE");
    expect(codes).toContain("POSTAL_CODE_MISMATCH");
  });
});
