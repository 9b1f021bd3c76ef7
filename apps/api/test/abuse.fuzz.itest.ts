import fc from "fast-check";
import { servicingFixture, SELF_ENROLL, useTestApp } from "@portal/test-support";

const app = useTestApp(servicingFixture);

const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE portal_user; --",
  "owner@us-customer.example' --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "%00",
  "\u0000",
  "\u202e",
  "🦊🦊🦊",
  "Ω≈ç√∫˜µ≤≥÷",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "owner@us-customer.example\r\nBcc: victim@example.com",
  " ",
  "",
];

/** Strings as hostile clients send them: random Unicode, control characters, known payloads, long runs. */
const hostileString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...PAYLOADS),
  fc
    .tuple(fc.constantFrom("a", "9", "é", "\u0007"), fc.integer({ min: 50, max: 3000 }))
    .map(([c, n]) => c.repeat(n)),
);

/** Sometimes a value of the wrong type, or missing. */
const anyValue = fc.oneof(
  { weight: 8, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.object({ maxDepth: 1 }),
    ),
  },
);

/** Well-formed values too, so hostile postal codes and contract ids reach the database lookup. */
const emailValue = fc.oneof(
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "owner@us-customer.example",
      "OWNER@US-CUSTOMER.EXAMPLE",
      "compta@ca-customer.example",
    ),
  },
);
const contractValue = fc.oneof(
  { weight: 2, arbitrary: anyValue },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "US-001",
      "us-001 ",
      "CA-001",
      "US-OFF",
      "' OR 1=1 --",
      "%",
      "_",
      "US-00%",
    ),
  },
);

const input = fc.record(
  {
    firstName: anyValue,
    lastName: anyValue,
    email: emailValue,
    billingPostalCode: anyValue,
    contractId: contractValue,
  },
  { requiredKeys: [] },
);

const RUNS = 10_000;
const CONCURRENCY = 16;

test(`${RUNS} hostile selfEnroll inputs over HTTP: never a 5xx, never an account`, async () => {
  const inputs = fc.sample(input, { numRuns: RUNS, seed: 20261127 });
  const statuses = new Map<number, number>();
  const typenames = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const variables = { input: inputs[next++] };
      const response = await fetch(`${app.server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: SELF_ENROLL, variables }),
      });
      const body = (await response.json()) as {
        data?: { selfEnroll?: { __typename: string } };
        errors?: unknown[];
      };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const kind = body.data?.selfEnroll?.__typename ?? `error ${response.status}`;
      typenames.set(kind, (typenames.get(kind) ?? 0) + 1);
      if (response.status >= 500)
        throw new Error(`5xx for ${JSON.stringify(variables).slice(0, 500)}`);
      if (response.status === 200 && !body.data?.selfEnroll)
        throw new Error(`200 without a result for ${JSON.stringify(variables).slice(0, 500)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  // Most inputs reach the service and come back as data; wrong types are 400 validation errors.
  expect(typenames.get("InputInvalid") ?? 0).toBeGreaterThan(RUNS / 10);
  expect(typenames.get("EnrollmentRejected") ?? 0).toBeGreaterThan(0);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  expect(typenames.get("EnrollmentStarted") ?? 0).toBe(0);
  expect(await app.db.prisma.portalUser.count()).toBe(0);
  expect(await app.db.prisma.mailOutbox.count()).toBe(0);
  // The attempt log keeps bounded values only.
  const longest = await app.db.prisma.$queryRawUnsafe<{ email: number; contract: number }[]>(
    `SELECT coalesce(max(length(email)), 0)::int AS email, coalesce(max(length(contract_id)), 0)::int AS contract FROM enrollment_attempt`,
  );
  expect(longest[0]!.email).toBeLessThanOrEqual(320);
  expect(longest[0]!.contract).toBeLessThanOrEqual(100);
  // The servicing data is untouched by injection attempts.
  expect(await app.db.prisma.servicingCustomer.count()).toBe(servicingFixture.customers.length);
}, 300_000);

test("a 1 MB body is refused with 413, not read", async () => {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: SELF_ENROLL,
      variables: { input: { firstName: "x".repeat(1_000_000) } },
    }),
  });
  expect(response.status).toBe(413);
});
