import {
  Browser,
  FORGOT,
  SIGN_IN,
  servicingFixture,
  SELF_ENROLL,
  selfEnroll,
  startTestApp,
  useTestApp,
} from "@portal/test-support";

// The shipped contract limit, and tighter email/customer/client limits than shipped so each is reached
// in a few requests; X-Forwarded-For trusted from loopback.
const app = useTestApp(servicingFixture, {
  RATE_LIMIT_ENROLL_CONTRACT: "5/3600",
  RATE_LIMIT_ENROLL_EMAIL: "5/3600",
  RATE_LIMIT_ENROLL_CUSTOMER: "10/3600",
  RATE_LIMIT_ENROLL_IP: "20/3600",
  RATE_LIMIT_SIGNIN_EMAIL: "5/900",
  RATE_LIMIT_MAIL_EMAIL: "3/3600",
  TRUST_PROXY: "loopback",
});

async function enrollFrom(
  ip: string,
  input: { email: string; billingPostalCode: string; contractId: string },
) {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({
      query: SELF_ENROLL,
      variables: { input: { firstName: "A", lastName: "B", ...input } },
    }),
  });
  return ((await response.json()) as { data: { selfEnroll: Record<string, any> } }).data.selfEnroll;
}

test("a ZIP brute force on one contract is stopped after 5 failures, from however many addresses", async () => {
  const outcomes: string[] = [];
  for (let i = 0; i < 8; i++) {
    const result = await enrollFrom(`203.0.113.${i}`, {
      email: "owner@us-customer.example",
      billingPostalCode: String(10000 + i),
      contractId: "US-001",
    });
    outcomes.push(result.__typename);
  }
  expect(outcomes).toEqual([
    ...Array(5).fill("EnrollmentRejected"),
    ...Array(3).fill("RateLimited"),
  ]);

  // Even the right postal code is refused while blocked: the block reveals nothing.
  const right = await enrollFrom("198.51.100.1", {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  expect(right).toMatchObject({ __typename: "RateLimited", reason: "TOO_MANY_ATTEMPTS" });
  expect(right.retryAfterSeconds).toBeGreaterThan(3500);
  expect(right.retryAfterSeconds).toBeLessThanOrEqual(3600);
  expect(right.message).toMatch(/wait 60 minutes/);
});

test("spreading guesses over other emails of the same customer is stopped by the customer limit", async () => {
  const emails = [
    "billing@us-customer.example",
    "pat@contact.example",
    "ap@us-customer.example",
    "payables@us-customer.example",
  ];
  const outcomes: string[] = [];
  for (let i = 0; i < 12; i++) {
    const result = await enrollFrom(`192.0.2.${i}`, {
      email: emails[i % emails.length]!,
      billingPostalCode: String(20000 + i),
      contractId: ["US-002", "US-003"][i % 2]!,
    });
    outcomes.push(result.__typename);
  }
  // 5 failures of US-001 already count for customer C-US from the previous test; its limit is 10.
  expect(outcomes.indexOf("RateLimited")).toBe(5);
});

test("without a trusted proxy, a spoofed X-Forwarded-For does not escape the per-client limit", async () => {
  const strict = await startTestApp(servicingFixture, { RATE_LIMIT_ENROLL_IP: "3/3600" });
  try {
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${strict.server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.9.8.${i}` },
        body: JSON.stringify({
          query: SELF_ENROLL,
          variables: {
            input: {
              firstName: "A",
              lastName: "B",
              email: `guess${i}@nowhere.example`,
              billingPostalCode: "1",
              contractId: `X-${i}`,
            },
          },
        }),
      });
      outcomes.push(
        ((await response.json()) as { data: { selfEnroll: { __typename: string } } }).data
          .selfEnroll.__typename,
      );
    }
    expect(outcomes).toEqual([
      "EnrollmentRejected",
      "EnrollmentRejected",
      "EnrollmentRejected",
      "RateLimited",
      "RateLimited",
    ]);
  } finally {
    await strict.close();
  }
});

test("aliases cannot run several selfEnroll calls in one request", async () => {
  const input = `{ firstName: "A", lastName: "B", email: "ops@uk-customer.example", contractId: "UK-001"`;
  const response = await app.graphql(`mutation {
    a: selfEnroll(input: ${input}, billingPostalCode: "SW1A 1AA" }) { __typename }
    b: selfEnroll(input: ${input}, billingPostalCode: "SW1A 1AB" }) { __typename }
  }`);
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.message).toBe("A request may run one mutation at a time.");
  expect(
    await app.db.prisma.enrollmentAttempt.count({ where: { email: "ops@uk-customer.example" } }),
  ).toBe(0);
});

test("batched HTTP requests are refused", async () => {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
  });
  expect(response.status).toBe(400);
});

test("sign-in is throttled per email after 5 failures", async () => {
  const browser = new Browser(app);
  const outcomes: string[] = [];
  for (let i = 0; i < 7; i++) {
    outcomes.push(
      (
        await browser.gql(SIGN_IN, {
          input: { email: "target@nowhere.example", password: `wrong password ${i}` },
        })
      ).signIn.__typename,
    );
  }
  expect(outcomes).toEqual([...Array(5).fill("SignInFailed"), "RateLimited", "RateLimited"]);
});

test("requests for emails are throttled per address, with the same answer for unknown addresses", async () => {
  const browser = new Browser(app);
  const kinds: string[] = [];
  for (let i = 0; i < 4; i++)
    kinds.push(
      (await browser.gql(FORGOT, { email: "nobody@nowhere.example" })).requestPasswordReset
        .__typename,
    );
  expect(kinds).toEqual([
    "EmailRequestAccepted",
    "EmailRequestAccepted",
    "EmailRequestAccepted",
    "RateLimited",
  ]);
});

test("throttled and failed attempts are in the audit trail with a hashed IP and the user agent", async () => {
  const attempts = await app.db.prisma.enrollmentAttempt.findMany({
    where: { reasonCode: "RATE_LIMITED:TOO_MANY_ATTEMPTS" },
  });
  expect(attempts.length).toBeGreaterThan(0);
  expect(attempts[0]!.ipHash).toMatch(/^[0-9a-f]{32}$/);
  expect(attempts[0]!.userAgent).toBeTruthy();
  const events = await app.db.prisma.auditEvent.groupBy({
    by: ["eventType", "outcome"],
    _count: true,
  });
  expect(events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ eventType: "SIGN_IN", outcome: "FAILED", _count: 5 }),
      // Refusals are counted, not written one by one: the first of the hour has its row.
      expect.objectContaining({ eventType: "SIGN_IN", outcome: "THROTTLED", _count: 1 }),
    ]),
  );
  expect(await app.db.prisma.throttleRefusal.findMany({ where: { operation: "SIGN_IN" } })).toEqual(
    [expect.objectContaining({ throttle: "RATE_LIMIT_SIGNIN_EMAIL", count: 2 })],
  );
});

test("selfEnroll answers for an unaffected customer are unchanged while others are blocked", async () => {
  const result = await selfEnroll(app, {
    email: "compta@ca-customer.example",
    billingPostalCode: "K1A 0B1",
    contractId: "CA-001",
  });
  expect(result.__typename).toBe("EnrollmentStarted");
});

test("repeat enrollments of an existing account stop mailing its owner after the per-address mail limit", async () => {
  const input = {
    email: "factures@ca-customer.example",
    billingPostalCode: "K1A 0B1",
    contractId: "CA-001",
  };
  const answers = new Set<string>();
  for (let i = 0; i < 6; i++) answers.add((await selfEnroll(app, input)).raw);
  expect(answers.size).toBe(1);
  // The first (new account) plus 3 more within RATE_LIMIT_MAIL_EMAIL=3/3600.
  expect(await app.db.prisma.mailOutbox.count({ where: { toAddress: input.email } })).toBe(4);
});
