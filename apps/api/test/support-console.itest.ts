import { formatStaffActivity, staffActivity } from "@portal/api/audit/staff-activity";
import { createStaffInvitations } from "@portal/api/support/staff-invitations.service";
import {
  Browser,
  authenticatorCode,
  secretOf,
  COMPLETE,
  ME,
  SIGN_IN,
  STRONG_PASSWORD,
  selfEnroll,
  servicingFixture,
  testConfig,
  tokenFrom,
  startMailingTestApp,
  type MailingTestApp,
} from "@portal/test-support";

const STAFF_SIGN_IN = `mutation($input: StaffSignInInput!) { staffSignIn(input: $input) {
  __typename ... on StaffSignedIn { staff { email role } } ... on StaffSignInFailed { message } } }`;
const COMPLETE_INVITE = `mutation($input: StaffCompleteInviteInput!) { staffCompleteInvite(input: $input) {
  __typename ... on StaffInviteCompleted { totpUri } ... on TokenRejected { code message }
  ... on PasswordRejected { problems { code } } } }`;
const ACTION_FIELDS = `__typename ... on SupportActionRefused { code message } ... on SupportActionDone { message }`;
const USERS = `query($search: String!) { portalUsers(search: $search) {
  id email firstName lastName status createdAt lastSignInAt grants { customerId customerName status } } }`;

let app: MailingTestApp;
const staffPassword = "quartz lantern meadow 77 orbit";

beforeAll(async () => {
  app = await startMailingTestApp(servicingFixture, {
    RATE_LIMIT_ENROLL_CONTRACT: "3/3600",
    RATE_LIMIT_SIGNIN_EMAIL: "5/900",
    // X-Forwarded-For from the test's own loopback client stands for other networks.
    TRUST_PROXY: "loopback",
  });
});
afterAll(() => app?.close());

async function invite(email: string, role: "SUPPORT" | "ADMIN") {
  const invitations = createStaffInvitations(app.db, testConfig({ SMTP_URL: app.smtp.url }));
  const outcome = await invitations.invite(email, role, {
    requestId: null,
    ipHash: null,
    userAgent: null,
  });
  expect(outcome.kind).toBe("invited");
  await app.server.mailWorker.drain();
  return tokenFrom(await app.smtp.waitFor(email, /support console/), "support/invite");
}

/** Invited, set up and signed in, as a person would: mail, link, password, authenticator. */
async function staffMember(email: string, role: "SUPPORT" | "ADMIN") {
  const token = await invite(email, role);
  const staff = new Browser(app, "/support/graphql");
  const setUp = (await staff.gql(COMPLETE_INVITE, { input: { token, password: staffPassword } }))
    .staffCompleteInvite;
  expect(setUp.__typename).toBe("StaffInviteCompleted");
  expect(setUp.totpUri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
  const code = authenticatorCode(secretOf(setUp.totpUri));
  const signedIn = (
    await staff.gql(STAFF_SIGN_IN, {
      input: { email, password: staffPassword, code },
    })
  ).staffSignIn;
  expect(signedIn).toEqual({ __typename: "StaffSignedIn", staff: { email, role } });
  return { staff, totpUri: setUp.totpUri as string, token, code };
}

let admin: Awaited<ReturnType<typeof staffMember>>;
let agent: Awaited<ReturnType<typeof staffMember>>;
let customer: Browser;

test("an invited member of staff sets a password and an authenticator, and signs in with both; the cookie is the console's own", async () => {
  admin = await staffMember("ana.admin@lessor.example", "ADMIN");
  expect(admin.staff.lastSetCookie).toMatch(/^portal_staff=[^;]+;.*Path=\/support/);
  expect(admin.staff.lastSetCookie).toMatch(/HttpOnly/);
  expect(admin.staff.lastSetCookie).toMatch(/SameSite=Strict/);
  expect((await admin.staff.gql(`{ staffMe { email role } }`)).staffMe).toEqual({
    email: "ana.admin@lessor.example",
    role: "ADMIN",
  });
  agent = await staffMember("sam.support@lessor.example", "SUPPORT");
});

test("a code is accepted once, a used invitation cannot set up the account again, and a wrong code fails like a wrong password", async () => {
  const again = new Browser(app, "/support/graphql");
  const replay = async (code: string, password = staffPassword) =>
    (
      await again.gql(STAFF_SIGN_IN, {
        input: { email: "ana.admin@lessor.example", password, code },
      })
    ).staffSignIn.__typename;
  // The very code that signed in is refused (recomputing it could land in the next step).
  expect(await replay(admin.code)).toBe("StaffSignInFailed");
  expect(await replay("000000")).toBe("StaffSignInFailed");
  expect(
    await replay(
      authenticatorCode(secretOf(admin.totpUri), Date.now() + 30_000),
      "wrong password here",
    ),
  ).toBe("StaffSignInFailed");
  const reuse = (
    await again.gql(COMPLETE_INVITE, {
      input: { token: admin.token, password: "another passphrase 31 x" },
    })
  ).staffCompleteInvite;
  expect(reuse).toMatchObject({ __typename: "TokenRejected", code: "USED" });
});

test("a stranger on another network who knows a staff address cannot lock its owner out", async () => {
  const stranger = new Browser(app, "/support/graphql");
  stranger.headers["x-forwarded-for"] = "203.0.113.9";
  const tries = [];
  for (let i = 0; i < 7; i++)
    tries.push(
      (
        await stranger.gql(STAFF_SIGN_IN, {
          input: { email: "sam.support@lessor.example", password: "guess", code: "000000" },
        })
      ).staffSignIn?.__typename ?? "RateLimited",
    );
  expect(tries.slice(0, 5)).toEqual(Array(5).fill("StaffSignInFailed"));
  expect(tries.slice(5)).toEqual(["RateLimited", "RateLimited"]);

  const owner = new Browser(app, "/support/graphql");
  owner.headers["x-forwarded-for"] = "198.51.100.7";
  const signedIn = (
    await owner.gql(STAFF_SIGN_IN, {
      input: {
        email: "sam.support@lessor.example",
        password: staffPassword,
        // The next step's code: the current one was used when the account was set up.
        code: authenticatorCode(secretOf(agent.totpUri), Date.now() + 30_000),
      },
    })
  ).staffSignIn;
  expect(signedIn.__typename).toBe("StaffSignedIn");
});

test("support finds a customer who enrolled and one who was refused, reads the refusal's reason and explains it", async () => {
  const email = "owner@us-customer.example";
  expect(
    (await selfEnroll(app, { email, billingPostalCode: "94607", contractId: "US-001" })).__typename,
  ).toBe("EnrollmentStarted");
  customer = new Browser(app);
  const token = tokenFrom(await app.smtp.waitFor(email, /Finish setting up/), "verify");
  expect(
    (await customer.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
  const refused = {
    email: "pat@contact.example",
    billingPostalCode: "10002",
    contractId: "US-002",
  };
  expect((await selfEnroll(app, refused)).__typename).toBe("EnrollmentRejected");

  const found = (await agent.staff.gql(USERS, { search: "owner@us-cust" })).portalUsers;
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    email,
    firstName: "Test",
    status: "ACTIVE",
    grants: [{ customerId: expect.any(String), status: "ACTIVE" }],
  });
  expect(found[0].lastSignInAt).not.toBeNull();
  expect(
    (await agent.staff.gql(USERS, { search: "US-001" })).portalUsers.map(
      (u: { email: string }) => u.email,
    ),
  ).toEqual([email]);

  const attempts = (
    await agent.staff.gql(
      `query($email: String) { enrollmentAttempts(email: $email) { at outcome reasonCode contractId } }`,
      {
        email: "Pat@Contact.example",
      },
    )
  ).enrollmentAttempts;
  expect(attempts[0]).toMatchObject({
    outcome: "REJECTED",
    reasonCode: "POSTAL_CODE_MISMATCH",
    contractId: "US-002",
  });

  const explained = (
    await agent.staff.gql(
      `query($input: ExplainEligibilityInput!) { explainEligibility(input: $input) { __typename
        ... on EligibilityExplanation { eligible reasonCode checks { rule status decisive detail }
          postal { storedRaw storedCompared enteredCompared rule } onFile { source sourceId } } } }`,
      { input: refused },
    )
  ).explainEligibility;
  expect(explained).toMatchObject({
    __typename: "EligibilityExplanation",
    eligible: false,
    reasonCode: "POSTAL_CODE_MISMATCH",
  });
  const decisive = explained.checks.filter((c: { decisive: boolean }) => c.decisive);
  expect(decisive).toEqual([
    expect.objectContaining({ rule: "POSTAL_CODE_MATCHES", status: "FAILED" }),
  ]);
  expect(explained.postal).toMatchObject({ enteredCompared: "10002", rule: "US_FIRST_5" });
  expect(explained.onFile[0]).toMatchObject({ source: "CONTACT" });
  // Explaining wrote no attempt and no account.
  expect(await app.db.prisma.portalUser.count({ where: { email: refused.email } })).toBe(0);
});

test("SUPPORT is refused an ADMIN action with a typed answer; the refusal is audited", async () => {
  const [user] = (await agent.staff.gql(USERS, { search: "owner@us-customer.example" }))
    .portalUsers;
  const refused = (
    await agent.staff.gql(
      `mutation($id: ID!) { deactivatePortalUser(userId: $id, reason: "test") { ${ACTION_FIELDS} } }`,
      {
        id: user.id,
      },
    )
  ).deactivatePortalUser;
  expect(refused).toMatchObject({ __typename: "SupportActionRefused", code: "ADMIN_ONLY" });
  expect(
    await app.db.prisma.auditEvent.count({
      where: {
        eventType: "STAFF_ACTION",
        outcome: "REFUSED",
        reason: "DEACTIVATE_USER",
        userId: user.id,
      },
    }),
  ).toBe(1);
});

test("deactivation ends the customer's session at once, refuses sign-in and is told by mail; enrolling again changes nothing; reactivation lets them back", async () => {
  const email = "owner@us-customer.example";
  expect((await customer.gql(ME)).me).toMatchObject({ email });
  const [user] = (await admin.staff.gql(USERS, { search: email })).portalUsers;
  const done = (
    await admin.staff.gql(
      `mutation($id: ID!) { deactivatePortalUser(userId: $id, reason: "Reported lost laptop") { ${ACTION_FIELDS} } }`,
      { id: user.id },
    )
  ).deactivatePortalUser;
  expect(done.__typename).toBe("SupportActionDone");
  expect((await customer.gql(ME)).me).toBeNull();
  expect(
    (await new Browser(app).gql(SIGN_IN, { input: { email, password: STRONG_PASSWORD } })).signIn
      .__typename,
  ).toBe("SignInFailed");
  await app.smtp.waitFor(email, /deactivated/);
  expect((await admin.staff.gql(USERS, { search: email })).portalUsers[0]).toMatchObject({
    status: "INACTIVE",
  });

  const grantsBefore = await app.db.prisma.customerAccessGrant.count({
    where: { userId: user.id },
  });
  const again = await selfEnroll(app, { email, billingPostalCode: "10001", contractId: "US-002" });
  expect(again.__typename).toBe("EnrollmentStarted");
  expect(await app.db.prisma.customerAccessGrant.count({ where: { userId: user.id } })).toBe(
    grantsBefore,
  );
  expect(
    (await app.db.prisma.portalUser.findUniqueOrThrow({ where: { id: user.id } })).status,
  ).toBe("INACTIVE");
  await app.server.mailWorker.drain();
  expect(app.smtp.messages.filter((m) => m.to === email)).toEqual([]);

  const back = (
    await admin.staff.gql(
      `mutation($id: ID!) { reactivatePortalUser(userId: $id) { ${ACTION_FIELDS} } }`,
      { id: user.id },
    )
  ).reactivatePortalUser;
  expect(back.__typename).toBe("SupportActionDone");
  expect(
    (await new Browser(app).gql(SIGN_IN, { input: { email, password: STRONG_PASSWORD } })).signIn
      .__typename,
  ).toBe("SignedIn");
});

test("without a staff session every staff operation is refused, and neither session stands for the other", async () => {
  const stranger = new Browser(app, "/support/graphql");
  const read = await stranger.raw(USERS, { search: "owner" });
  expect(read.data).toBeFalsy();
  expect(read.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const act = (
    await stranger.gql(
      `mutation { clearEnrollmentThrottle(input: { email: "owner@us-customer.example" }) { ${ACTION_FIELDS} } }`,
    )
  ).clearEnrollmentThrottle;
  expect(act).toMatchObject({ code: "SIGN_IN_REQUIRED" });
  expect((await stranger.gql(`{ staffMe { email } }`)).staffMe).toBeNull();

  // A customer's session cookie, sent to the console, is nobody there; a staff cookie on /graphql is nobody either.
  const withCustomerCookie = new Browser(app, "/support/graphql");
  withCustomerCookie.cookie = customer.cookie;
  expect((await withCustomerCookie.gql(`{ staffMe { email } }`)).staffMe).toBeNull();
  const withStaffCookie = new Browser(app);
  withStaffCookie.cookie = admin.staff.cookie;
  expect((await withStaffCookie.gql(ME)).me).toBeNull();
});

test("bad input gets typed errors or empty results, never a 500", async () => {
  const s = agent.staff;
  for (const search of ["%", "_", "' OR 1=1 --", "\\", "x".repeat(300)])
    expect({ search, found: (await s.gql(USERS, { search })).portalUsers }).toEqual({
      search,
      found: [],
    });
  // NUL and other control characters are stored and compared harmlessly: empty answers, no 500.
  expect((await s.gql(USERS, { search: "a\u0000b" })).portalUsers).toEqual([]);
  expect(
    (
      await s.gql(
        `query($e: String, $c: String) { enrollmentAttempts(email: $e, contractId: $c) { at } }`,
        {
          e: "a\u0000@b.example",
          c: "US\u0000",
        },
      )
    ).enrollmentAttempts,
  ).toEqual([]);
  const revoke = `mutation($u: ID!, $c: String!) { revokeGrant(userId: $u, customerId: $c) { ${ACTION_FIELDS} } }`;
  const [owner] = (await admin.staff.gql(USERS, { search: "owner@us-customer.example" }))
    .portalUsers;
  expect(
    (
      await s.gql(revoke, {
        u: owner.id,
        c: "C\u0000\n2026-01-01T00:00:00.000Z  boss@lessor.example  STAFF_ACTION",
      })
    ).revokeGrant,
  ).toMatchObject({ code: "ADMIN_ONLY" });
  expect((await admin.staff.gql(revoke, { u: owner.id, c: "C\u0000" })).revokeGrant).toMatchObject({
    code: "GRANT_NOT_FOUND",
  });
  expect(
    (await admin.staff.gql(revoke, { u: owner.id, c: "x".repeat(20_000) })).revokeGrant,
  ).toMatchObject({
    code: "GRANT_NOT_FOUND",
  });
  const tooLong = await s.raw(USERS, { search: "x".repeat(400) });
  expect(tooLong.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  const huge = await s.raw(`{ enrollmentAttempts(email: "a@b.example", limit: 1000000) { at } }`);
  expect(huge.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  const none = await s.raw(`{ enrollmentAttempts { at } }`);
  expect(none.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect((await s.gql(`{ portalUser(id: "not-a-uuid") { id } }`)).portalUser).toBeNull();
  expect(
    (await s.gql(`{ portalUser(id: "00000000-0000-0000-0000-000000000000") { id } }`)).portalUser,
  ).toBeNull();
  expect(
    (await s.gql(`mutation { resendVerification(userId: "nope") { ${ACTION_FIELDS} } }`))
      .resendVerification,
  ).toMatchObject({ code: "USER_NOT_FOUND" });
  const invalid = (
    await s.gql(
      `{ explainEligibility(input: { email: "not an email", contractId: "X", billingPostalCode: "1" }) { __typename } }`,
    )
  ).explainEligibility;
  expect(invalid.__typename).toBe("InputInvalid");
  // CSRF: a simple (form-like) request is refused before anything runs.
  const csrf = await fetch(`${app.server.url}/support/graphql`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ query: "{ staffMe { email } }" }),
  });
  expect(csrf.status).toBe(400);
});

test("every lookup and action is in the audit trail with the staff id, and the trail cannot be changed", async () => {
  const staffIds = (await app.db.prisma.staffUser.findMany()).map((s) => s.id);
  const events = await app.db.prisma.auditEvent.findMany({
    where: { eventType: { in: ["STAFF_LOOKUP", "STAFF_ACTION"] } },
  });
  expect(events.length).toBeGreaterThan(5);
  for (const event of events) expect(staffIds).toContain(event.staffUserId);
  expect(
    events
      .filter((e) => e.eventType === "STAFF_ACTION" && e.outcome === "SUCCESS")
      .map((e) => e.reason),
  ).toEqual(expect.arrayContaining(["DEACTIVATE_USER", "REACTIVATE_USER"]));
  const report = formatStaffActivity(
    await staffActivity(
      app.db.prisma,
      new Date(Date.now() - 3_600_000),
      new Date(Date.now() + 1000),
    ),
  );
  // What staff typed cannot make a line of its own in the report.
  expect(
    report.split("\n").some((line) => line.startsWith("2026-01-01T00:00:00.000Z  boss@")),
  ).toBe(false);
  expect(report).toMatch(
    /ana\.admin@lessor\.example {2}STAFF_ACTION DEACTIVATE_USER {2}SUCCESS {2}user [0-9a-f-]{36}/,
  );
  expect(report).toMatch(/sam\.support@lessor\.example {2}STAFF_ACTION DEACTIVATE_USER {2}REFUSED/);
  expect(report).toMatch(
    /sam\.support@lessor\.example {2}STAFF_LOOKUP PORTAL_USERS {2}SUCCESS {2}target "owner@us-cust"/,
  );
  await expect(app.db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
  await expect(
    app.db.prisma.auditEvent.updateMany({ data: { outcome: "SUCCESS" } }),
  ).rejects.toThrow(/append-only/);
});

test("sign-out ends the staff session on the server", async () => {
  const cookie = admin.staff.cookie;
  await admin.staff.gql(`mutation { staffSignOut { message } }`);
  const replayed = new Browser(app, "/support/graphql");
  replayed.cookie = cookie;
  expect((await replayed.gql(`{ staffMe { email } }`)).staffMe).toBeNull();
});
