import { servicingFixture, importFixture, selfEnroll, useTestApp } from "@portal/test-support";

const app = useTestApp(servicingFixture);

const findUser = (email: string) =>
  app.db.prisma.portalUser.findUnique({ where: { email }, include: { grants: true } });

test("an eligible attempt creates one pending account with access to the contract's customer", async () => {
  const result = await selfEnroll(app, {
    firstName: "  Dana ",
    lastName: "Whitfield",
    email: "Owner@US-Customer.example",
    billingPostalCode: "94607",
    contractId: "us-001",
  });
  expect(result).toMatchObject({
    __typename: "EnrollmentStarted",
    email: "owner@us-customer.example",
  });
  const user = await findUser("owner@us-customer.example");
  expect(user).toMatchObject({
    firstName: "Dana",
    lastName: "Whitfield",
    status: "PENDING_VERIFICATION",
    passwordHash: null,
  });
  expect(user!.grants).toEqual([
    expect.objectContaining({ customerId: "C-US", grantedViaContract: "US-001" }),
  ]);
  // Written with the account, in the same statement: the live link, its mail and the attempt.
  const tokens = await app.db.prisma.accountToken.findMany({ where: { userId: user!.id } });
  expect(tokens).toEqual([
    expect.objectContaining({ purpose: "VERIFY_EMAIL", usedAt: null, supersededAt: null }),
  ]);
  expect(tokens[0]!.expiresAt.getTime() - tokens[0]!.createdAt.getTime()).toBe(24 * 3_600_000);
  const mails = await app.db.prisma.mailOutbox.findMany({
    where: { toAddress: "owner@us-customer.example" },
  });
  expect(mails).toEqual([expect.objectContaining({ kind: "VERIFY_EMAIL" })]);
  expect(mails[0]!.textBody).toContain("Dana");
  const attempts = await app.db.prisma.enrollmentAttempt.findMany({
    where: { email: "owner@us-customer.example" },
  });
  expect(attempts).toEqual([
    expect.objectContaining({
      outcome: "STARTED",
      reasonCode: "ELIGIBLE",
      customerId: "C-US",
      userId: user!.id,
      contractId: "US-001",
    }),
  ]);
});

test("an email that already has an account gets the same answer and no second account", async () => {
  const input = { email: "pat@contact.example", billingPostalCode: "10001", contractId: "US-002" };
  const first = await selfEnroll(app, input);
  const second = await selfEnroll(app, { ...input, firstName: "Someone", lastName: "Else" });
  expect(second.raw).toBe(first.raw);
  expect(await app.db.prisma.portalUser.count({ where: { email: "pat@contact.example" } })).toBe(1);
  expect((await findUser("pat@contact.example"))!.firstName).toBe("Test");
  const reasons = await app.db.prisma.enrollmentAttempt.findMany({
    where: { email: "pat@contact.example" },
    orderBy: { createdAt: "asc" },
    select: { reasonCode: true },
  });
  expect(reasons.map((r) => r.reasonCode)).toEqual(["ELIGIBLE", "ALREADY_ENROLLED"]);
});

test("parallel eligible attempts for one email end with one account and one grant", async () => {
  const input = {
    email: "compta@ca-customer.example",
    billingPostalCode: "K1A 0B1",
    contractId: "CA-001",
  };
  const results = await Promise.all(Array.from({ length: 12 }, () => selfEnroll(app, input)));
  expect(results.every((r) => r.__typename === "EnrollmentStarted")).toBe(true);
  const users = await app.db.prisma.portalUser.findMany({
    where: { email: "compta@ca-customer.example" },
    include: { grants: true },
  });
  expect(users).toHaveLength(1);
  expect(users[0]!.grants).toHaveLength(1);
});

test("a rejected attempt creates no account", async () => {
  await selfEnroll(app, {
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A",
    contractId: "UK-001",
  });
  expect(await findUser("ops@uk-customer.example")).toBeNull();
});

test("a contract booked by a later import is eligible at once, and one terminated later is not", async () => {
  const input = {
    email: "gone@terminated.example",
    billingPostalCode: "02108",
    contractId: "T-001",
  };
  expect((await selfEnroll(app, input)).__typename).toBe("EnrollmentRejected");

  const rebooked = {
    ...servicingFixture.contracts.find((c) => c.contractId === "T-001")!,
    status: "BOOKED",
  };
  await importFixture(app.db, { contracts: [rebooked] });
  expect((await selfEnroll(app, input)).__typename).toBe("EnrollmentStarted");

  const uk = {
    ...servicingFixture.contracts.find((c) => c.contractId === "UK-001")!,
    status: "TERMINATED",
  };
  await importFixture(app.db, { contracts: [uk] });
  const ukInput = {
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A 1AA",
    contractId: "UK-001",
  };
  expect((await selfEnroll(app, ukInput)).__typename).toBe("EnrollmentRejected");
});

test("an email changed by a later import stops qualifying, and the new one qualifies", async () => {
  const customer = {
    ...servicingFixture.customers.find((c) => c.customerId === "C-SHARED-1")!,
    email: "renamed@family.example",
  };
  await importFixture(app.db, { customers: [customer] });
  const input = { billingPostalCode: "30301", contractId: "SH-1" };
  expect((await selfEnroll(app, { ...input, email: "shared@family.example" })).__typename).toBe(
    "EnrollmentRejected",
  );
  expect((await selfEnroll(app, { ...input, email: "renamed@family.example" })).__typename).toBe(
    "EnrollmentStarted",
  );
});
