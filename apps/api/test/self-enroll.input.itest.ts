import { servicingFixture, selfEnroll, useTestApp } from "@portal/test-support";

const app = useTestApp(servicingFixture);

const valid = {
  firstName: "A",
  lastName: "B",
  email: "owner@us-customer.example",
  billingPostalCode: "94607",
  contractId: "US-001",
};

test("blank values are reported per field, in form order", async () => {
  const result = await selfEnroll(app, {
    firstName: " ",
    lastName: "",
    email: "",
    billingPostalCode: "--",
    contractId: "\t",
  });
  expect(result.__typename).toBe("InputInvalid");
  expect(result.fieldErrors!.map((e) => [e.field, e.code])).toEqual([
    ["firstName", "REQUIRED"],
    ["lastName", "REQUIRED"],
    ["email", "REQUIRED"],
    ["billingPostalCode", "REQUIRED"],
    ["contractId", "REQUIRED"],
  ]);
  expect(result.fieldErrors!.every((e) => e.message.length > 0)).toBe(true);
});

test.each([
  ["two addresses separated by a comma", "a@x.example, b@y.example"],
  ["two addresses separated by a semicolon", "a@x.example;b@y.example"],
  ["no @", "owner.us-customer.example"],
  ["a space inside", "own er@us-customer.example"],
])("an email with %s is INVALID_EMAIL", async (_label, email) => {
  const result = await selfEnroll(app, { ...valid, email });
  expect(result.__typename).toBe("InputInvalid");
  expect(result.fieldErrors).toEqual([
    expect.objectContaining({ field: "email", code: "INVALID_EMAIL" }),
  ]);
});

test("over-long values are TOO_LONG, up to what the body limit lets through", async () => {
  const result = await selfEnroll(app, {
    ...valid,
    firstName: "x".repeat(101),
    contractId: "9".repeat(20_000),
  });
  expect(result.fieldErrors!.map((e) => [e.field, e.code])).toEqual([
    ["firstName", "TOO_LONG"],
    ["contractId", "TOO_LONG"],
  ]);
});

test.each([
  ["a right-to-left override", "Dana\u202Etxt.exe"],
  ["a zero-width space", "Da\u200Bna"],
  ["a line separator", "Dana\u2028Call us"],
  ["a web address", "http://evil.example"],
  ["a bare domain", "evil.example"],
  [
    "Lisu tone letters for dots",
    "Security team. Your access expires today. Confirm at portal\uA4F8northwind-secure\uA4F8com",
  ],
  ["only a Hangul filler", "\u3164"],
])(
  "a name with %s is INVALID_NAME, and nothing is written or mailed",
  async (_label, firstName) => {
    const result = await selfEnroll(app, {
      ...valid,
      firstName,
      email: "ops@uk-customer.example",
      billingPostalCode: "SW1A 1AA",
      contractId: "UK-001",
    });
    expect(result.__typename).toBe("InputInvalid");
    expect(result.fieldErrors).toEqual([
      {
        field: "firstName",
        code: "INVALID_NAME",
        message: "First name can contain letters, spaces, apostrophes, hyphens and periods only.",
      },
    ]);
    expect(
      await app.db.prisma.portalUser.count({ where: { email: "ops@uk-customer.example" } }),
    ).toBe(0);
    expect(
      await app.db.prisma.mailOutbox.count({ where: { toAddress: "ops@uk-customer.example" } }),
    ).toBe(0);
  },
);

test("a last name that draws nothing (U+3164) is INVALID_NAME", async () => {
  const result = await selfEnroll(app, {
    ...valid,
    lastName: "\u3164",
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A 1AA",
    contractId: "UK-001",
  });
  expect(result.__typename).toBe("InputInvalid");
  expect(result.fieldErrors!.map((e) => [e.field, e.code])).toEqual([["lastName", "INVALID_NAME"]]);
});

test("invalid input is logged as INVALID and never starts an enrollment", async () => {
  await selfEnroll(app, { ...valid, email: "pat@contact.example", lastName: "" });
  const attempts = await app.db.prisma.enrollmentAttempt.findMany({
    where: { email: "pat@contact.example" },
  });
  expect(attempts.map((a) => [a.outcome, a.reasonCode])).toEqual([
    ["INVALID", "INPUT_INVALID:lastName.REQUIRED"],
  ]);
  expect(await app.db.prisma.portalUser.count()).toBe(0);
});

test("a missing field is a GraphQL validation error (400), not a server error", async () => {
  const response = await app.graphql(
    `mutation { selfEnroll(input: { firstName: "a", lastName: "b", email: "c@d.example", contractId: "x" }) { __typename } }`,
  );
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
});
