import {
  Browser,
  COMPLETE,
  FORGOT,
  ME,
  RESEND,
  RESET,
  SIGN_IN,
  SIGN_OUT,
  STRONG_PASSWORD,
  servicingFixture,
  importFixture,
  selfEnroll,
  tokenFrom,
  writeCopyFile,
  waitUntil,
  startMailingTestApp,
  type MailingTestApp,
} from "@portal/test-support";

let app: MailingTestApp;
beforeAll(async () => {
  app = await startMailingTestApp(servicingFixture, {
    PORTAL_COPY_FILE: writeCopyFile({ portalName: "Acme Leasing Portal" }),
  });
});
afterAll(() => app.close());

async function enrollAndGetToken(input: {
  email: string;
  billingPostalCode: string;
  contractId: string;
}) {
  expect((await selfEnroll(app, input)).__typename).toBe("EnrollmentStarted");
  return tokenFrom(
    await app.smtp.waitFor(input.email.trim().toLowerCase(), /Finish setting up/),
    "verify",
  );
}

test("enroll → verification mail → set password → signed in → my contracts → sign out → sign in", async () => {
  const email = "owner@us-customer.example";
  expect(
    (
      await selfEnroll(app, {
        email: " Owner@US-Customer.example",
        billingPostalCode: "94607",
        contractId: "US-001",
      })
    ).__typename,
  ).toBe("EnrollmentStarted");
  const mail = await app.smtp.waitFor(email);
  expect(mail.subject).toBe("Finish setting up your Acme Leasing Portal account");
  expect(mail.text).toMatch(/Hello Test,/);
  expect(mail.html).toContain('href="http://portal.test/verify?token=');
  const token = tokenFrom(mail, "verify");
  expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
  // Once mailed, the only stored trace of the token is its hash. (The capture has the message as soon as
  // SMTP accepts it; the worker records the delivery right after.)
  await waitUntil(
    () => app.db.prisma.mailOutbox.count({ where: { toAddress: email, sentAt: null } }),
    (unsent) => unsent === 0,
  );
  const stored = JSON.stringify([
    await app.db.prisma.mailOutbox.findMany(),
    await app.db.prisma.accountToken.findMany(),
  ]);
  expect(stored).not.toContain(token);
  expect(stored).toContain("[sent; body removed]");

  const browser = new Browser(app);
  const completed = await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } });
  expect(completed.completeEnrollment).toMatchObject({
    __typename: "EnrollmentCompleted",
    user: { email },
  });
  expect(browser.lastSetCookie).toMatch(/^portal_session=[^;]+;.*HttpOnly/);
  expect(browser.lastSetCookie).toMatch(/SameSite=Lax/);

  const me = (await browser.gql(ME)).me;
  expect(me.contracts.map((c: { contractId: string }) => c.contractId)).toEqual([
    "US-001",
    "US-002",
    "US-003",
  ]);
  expect(me.contracts[0]).toMatchObject({
    customerName: "US Customer",
    billingAddress: { postalCode: "94607-3410", country: "US" },
  });

  await browser.gql(SIGN_OUT);
  expect((await browser.gql(ME)).me).toBeNull();

  const again = new Browser(app);
  expect(
    (
      await again.gql(SIGN_IN, {
        input: { email: "OWNER@us-customer.example", password: STRONG_PASSWORD },
      })
    ).signIn.__typename,
  ).toBe("SignedIn");
  expect((await again.gql(ME)).me.email).toBe(email);
});

test("a verification link works once", async () => {
  const token = await enrollAndGetToken({
    email: "pat@contact.example",
    billingPostalCode: "10001",
    contractId: "US-002",
  });
  const browser = new Browser(app);
  expect(
    (await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
  const reuse = (
    await new Browser(app).gql(COMPLETE, {
      input: { token, password: "another long passphrase 9" },
    })
  ).completeEnrollment;
  expect(reuse).toMatchObject({ __typename: "TokenRejected", code: "USED" });
});

test("an expired link is refused and says so", async () => {
  const token = await enrollAndGetToken({
    email: "compta@ca-customer.example",
    billingPostalCode: "K1A 0B1",
    contractId: "CA-001",
  });
  await app.db.prisma.accountToken.updateMany({
    where: { user: { email: "compta@ca-customer.example" } },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  const result = (
    await new Browser(app).gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } })
  ).completeEnrollment;
  expect(result).toMatchObject({ __typename: "TokenRejected", code: "EXPIRED" });
});

test("asking for a new link makes the older one stop working", async () => {
  const older = await enrollAndGetToken({
    email: "payables@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  await new Browser(app).gql(RESEND, { email: "Payables@us-customer.example" });
  const newer = tokenFrom(
    await app.smtp.waitFor("payables@us-customer.example", /Finish setting up/),
    "verify",
  );
  expect(newer).not.toBe(older);
  expect(
    (await new Browser(app).gql(COMPLETE, { input: { token: older, password: STRONG_PASSWORD } }))
      .completeEnrollment,
  ).toMatchObject({
    code: "SUPERSEDED",
  });
  expect(
    (await new Browser(app).gql(COMPLETE, { input: { token: newer, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
});

test("a weak password is refused with reasons, and the link stays usable", async () => {
  const token = await enrollAndGetToken({
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A 1AA",
    contractId: "UK-001",
  });
  const browser = new Browser(app);
  const short = (await browser.gql(COMPLETE, { input: { token, password: "short1!" } }))
    .completeEnrollment;
  expect(short).toMatchObject({
    __typename: "PasswordRejected",
    problems: [{ code: "TOO_SHORT" }],
  });
  const common = (await browser.gql(COMPLETE, { input: { token, password: "password1234" } }))
    .completeEnrollment;
  expect(common).toMatchObject({
    __typename: "PasswordRejected",
    problems: [{ code: "TOO_GUESSABLE" }],
  });
  const personal = (
    await browser.gql(COMPLETE, { input: { token, password: "uk-customer.example" } })
  ).completeEnrollment;
  expect(personal.problems[0].code).toBe("TOO_GUESSABLE");
  expect(
    (await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
});

test("sign-in before completing enrollment fails with the same message as a wrong password", async () => {
  await enrollAndGetToken({
    email: "shared@family.example",
    billingPostalCode: "30301",
    contractId: "SH-1",
  });
  const pending = (
    await new Browser(app).gql(SIGN_IN, {
      input: { email: "shared@family.example", password: STRONG_PASSWORD },
    })
  ).signIn;
  const unknown = (
    await new Browser(app).gql(SIGN_IN, {
      input: { email: "nobody@nowhere.example", password: STRONG_PASSWORD },
    })
  ).signIn;
  const wrong = (
    await new Browser(app).gql(SIGN_IN, {
      input: { email: "owner@us-customer.example", password: "not the password at all" },
    })
  ).signIn;
  expect(pending.__typename).toBe("SignInFailed");
  expect(new Set([pending.message, unknown.message, wrong.message]).size).toBe(1);
});

test("enrolling again with an active account mails the owner sign-in and reset links, and reset works end to end", async () => {
  const email = "owner@us-customer.example";
  expect(
    (await selfEnroll(app, { email, billingPostalCode: "60601", contractId: "US-003" })).__typename,
  ).toBe("EnrollmentStarted");
  const mail = await app.smtp.waitFor(email, /already have/);
  expect(mail.text).toContain("http://portal.test/sign-in");
  const resetToken = tokenFrom(mail, "reset-password");

  const browser = new Browser(app);
  const newPassword = "saffron glacier piano 1977";
  expect(
    (await browser.gql(RESET, { input: { token: resetToken, password: newPassword } }))
      .resetPassword.__typename,
  ).toBe("PasswordResetCompleted");
  expect((await browser.gql(ME)).me.email).toBe(email);
  expect(
    (await new Browser(app).gql(SIGN_IN, { input: { email, password: STRONG_PASSWORD } })).signIn
      .__typename,
  ).toBe("SignInFailed");
  expect(
    (await new Browser(app).gql(SIGN_IN, { input: { email, password: newPassword } })).signIn
      .__typename,
  ).toBe("SignedIn");
  expect(await app.db.prisma.portalUser.count({ where: { email } })).toBe(1);
});

test("forgot password mails a reset link to an active account and nothing to an unknown address", async () => {
  const browser = new Browser(app);
  const known = (await browser.gql(FORGOT, { email: "pat@contact.example" })).requestPasswordReset
    .message;
  const unknown = (await browser.gql(FORGOT, { email: "nobody@nowhere.example" }))
    .requestPasswordReset.message;
  expect(unknown).toBe(known);
  const mail = await app.smtp.waitFor("pat@contact.example", /Reset your/);
  expect(tokenFrom(mail, "reset-password")).toBeTruthy();
  await app.server.mailWorker.drain();
  expect(
    await app.db.prisma.mailOutbox.count({ where: { toAddress: "nobody@nowhere.example" } }),
  ).toBe(0);
});

test("a mail request does the same work for every address: it is only queued, and the worker finds the account", async () => {
  await app.server.mailWorker.stop();
  try {
    const tokensBefore = await app.db.prisma.accountToken.count();
    const outboxBefore = await app.db.prisma.mailOutbox.count();
    const browser = new Browser(app);
    for (const email of ["pat@contact.example", "nobody@nowhere.example"]) {
      expect((await browser.gql(FORGOT, { email })).requestPasswordReset.__typename).toBe(
        "EmailRequestAccepted",
      );
      expect((await browser.gql(RESEND, { email })).requestVerificationEmail.__typename).toBe(
        "EmailRequestAccepted",
      );
    }
    // Answered before anyone looked: one queued request each, no link issued, nothing in the outbox.
    const queued = await app.db.prisma.mailRequest.findMany({
      orderBy: { createdAt: "asc" },
      select: { kind: true, email: true },
    });
    expect(queued).toEqual([
      { kind: "PASSWORD_RESET", email: "pat@contact.example" },
      { kind: "VERIFICATION_EMAIL", email: "pat@contact.example" },
      { kind: "PASSWORD_RESET", email: "nobody@nowhere.example" },
      { kind: "VERIFICATION_EMAIL", email: "nobody@nowhere.example" },
    ]);
    expect(await app.db.prisma.accountToken.count()).toBe(tokensBefore);
    expect(await app.db.prisma.mailOutbox.count()).toBe(outboxBefore);

    await app.server.mailWorker.drain();
    expect(await app.db.prisma.mailRequest.count()).toBe(0);
    const mailed = await app.db.prisma.mailOutbox.findMany({
      where: {
        createdAt: { gt: new Date(Date.now() - 60_000) },
        toAddress: { in: ["pat@contact.example", "nobody@nowhere.example"] },
      },
      select: { kind: true, toAddress: true },
      orderBy: { createdAt: "asc" },
    });
    // The active account gets a reset link and the "you already have an account" mail; the unknown address nothing.
    expect(mailed.slice(-2)).toEqual([
      { kind: "PASSWORD_RESET", toAddress: "pat@contact.example" },
      { kind: "ACCOUNT_EXISTS", toAddress: "pat@contact.example" },
    ]);
    expect(mailed.filter((m) => m.toAddress === "nobody@nowhere.example")).toEqual([]);
  } finally {
    app.server.mailWorker.start();
  }
});

test("nothing is mailed for a rejected enrollment", async () => {
  await selfEnroll(app, {
    email: "stranger@nowhere.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  await selfEnroll(app, {
    email: "owner@us-customer.example",
    billingPostalCode: "99999",
    contractId: "US-001",
  });
  await app.server.mailWorker.drain();
  expect(
    await app.db.prisma.mailOutbox.count({ where: { toAddress: "stranger@nowhere.example" } }),
  ).toBe(0);
  expect(app.smtp.messages.filter((m) => m.to === "stranger@nowhere.example")).toEqual([]);
});

test("an account never sees another customer's contracts, whatever id is asked for", async () => {
  const browser = new Browser(app);
  await browser.gql(SIGN_IN, {
    input: { email: "pat@contact.example", password: STRONG_PASSWORD },
  });
  const own = await browser.gql(`{ me { contract(contractId: " us-002 ") { contractId } } }`);
  expect(own.me.contract).toEqual({ contractId: "US-002" });
  const other = await browser.gql(`{ me { contract(contractId: "CA-001") { contractId } } }`);
  expect(other.me.contract).toBeNull();
  const list = (await browser.gql(ME)).me.contracts.map(
    (c: { contractId: string }) => c.contractId,
  );
  expect(list).not.toContain("CA-001");
  expect(list).not.toContain("US-OFF");
});

test("my contracts follow servicing data: terminated ones disappear, newly booked ones appear", async () => {
  const browser = new Browser(app);
  await browser.gql(SIGN_IN, {
    input: { email: "pat@contact.example", password: STRONG_PASSWORD },
  });
  const byId = (id: string) => servicingFixture.contracts.find((c) => c.contractId === id)!;
  await importFixture(app.db, {
    contracts: [
      { ...byId("US-003"), status: "TERMINATED" },
      { ...byId("US-OFF"), status: "BOOKED" },
    ],
  });
  const list = (await browser.gql(ME)).me.contracts.map(
    (c: { contractId: string }) => c.contractId,
  );
  expect(list).toEqual(["US-001", "US-002", "US-OFF"]);
});

test("a session idle too long is no longer signed in", async () => {
  const browser = new Browser(app);
  await browser.gql(SIGN_IN, {
    input: { email: "pat@contact.example", password: STRONG_PASSWORD },
  });
  await app.db.prisma.userSession.updateMany({
    data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
  });
  expect((await browser.gql(ME)).me).toBeNull();
});
