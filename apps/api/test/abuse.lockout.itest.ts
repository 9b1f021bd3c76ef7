import { randomBytes } from "node:crypto";
import { AuditLog } from "@portal/api/audit/audit-log";
import { OutboxRepository } from "@portal/api/mail/outbox.repository";
import { StaffInvitations } from "@portal/api/support/staff-invitations.service";
import { StaffRepository } from "@portal/api/support/staff.repository";
import { THROTTLE_DEFAULTS } from "@portal/api/throttle/throttle.rules";
import {
  Browser,
  COMPLETE,
  SIGN_IN,
  STRONG_PASSWORD,
  type TestApp,
  authenticatorCode,
  redisForTests,
  secretOf,
  selfEnroll,
  servicingFixture,
  startTestApp,
  testConfig,
} from "@portal/test-support";

/**
 * No stranger can lock an account's owner out (OWASP's device cookies): failures left on an address
 * from other networks do not refuse the owner's browser, which signed in before and carries the
 * account's device token; strangers' networks stay limited, a forged or borrowed token is nobody's,
 * and the guesses one account can be given stay bounded. Run with limits in Redis, as in production.
 */
const STAFF_SIGN_IN = `mutation($input: StaffSignInInput!) { staffSignIn(input: $input) {
  __typename ... on StaffSignedIn { staff { email } } ... on RateLimited { retryAfterSeconds } } }`;
const COMPLETE_INVITE = `mutation($input: StaffCompleteInviteInput!) { staffCompleteInvite(input: $input) {
  __typename ... on StaffInviteCompleted { totpUri } } }`;
const staffPassword = "quartz lantern meadow 77 orbit";

const SIGN_IN_LIMITS = [
  "RATE_LIMIT_SIGNIN_EMAIL",
  "RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL",
  "RATE_LIMIT_STAFF_SIGNIN_EMAIL",
  "RATE_LIMIT_SIGNIN_DEVICE",
  "RATE_LIMIT_SIGNIN_IP",
] as const;

let app: TestApp | null = null;

beforeAll(async () => {
  const REDIS_URL = await redisForTests();
  if (!REDIS_URL) return;
  app = await startTestApp(servicingFixture, {
    REDIS_URL,
    // A fresh secret gives fresh throttle keys, so runs never see each other's counters.
    IP_HASH_SECRET: randomBytes(16).toString("hex"),
    // The shipped sign-in limits (the harness loosens every limit unless told).
    ...Object.fromEntries(SIGN_IN_LIMITS.map((name) => [name, THROTTLE_DEFAULTS[name]])),
    // X-Forwarded-For from the test's own loopback client stands for other networks.
    TRUST_PROXY: "loopback",
  });
});
afterAll(() => app?.close());

/** A browser on a network of its own. */
function browserAt(ip: string, endpoint = "/graphql"): Browser {
  const browser = new Browser(app!, endpoint);
  browser.headers["x-forwarded-for"] = ip;
  return browser;
}

/** Invited, set up and signed in from `browser` (which keeps its cookies); returns the TOTP secret. */
async function staffMember(email: string, browser: Browser): Promise<string> {
  const invitations = new StaffInvitations(
    app!.db.prisma,
    new StaffRepository(app!.db.prisma),
    new OutboxRepository(app!.db.prisma, app!.db.sql),
    new AuditLog(app!.db.prisma),
    testConfig(),
  );
  const meta = { requestId: null, ipHash: null, userAgent: null };
  expect((await invitations.invite(email, "SUPPORT", meta)).kind).toBe("invited");
  const mail = await app!.db.prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: email } });
  const token = /support\/invite\?token=([A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
  const setUp = (await browser.gql(COMPLETE_INVITE, { input: { token, password: staffPassword } }))
    .staffCompleteInvite;
  const secret = secretOf(setUp.totpUri);
  const signedIn = await browser.gql(STAFF_SIGN_IN, {
    input: { email, password: staffPassword, code: authenticatorCode(secret) },
  });
  expect(signedIn.staffSignIn.__typename).toBe("StaffSignedIn");
  return secret;
}

/** A customer account made through the real journey, signed in once from `browser`. */
async function customer(
  input: { email: string; billingPostalCode: string; contractId: string },
  browser: Browser,
) {
  expect((await selfEnroll(app!, input)).__typename).toBe("EnrollmentStarted");
  const mail = await app!.db.prisma.mailOutbox.findFirstOrThrow({
    where: { toAddress: input.email },
    orderBy: { createdAt: "desc" },
  });
  const token = /verify\?token=([A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
  const completed = await new Browser(app!).gql(COMPLETE, {
    input: { token, password: STRONG_PASSWORD },
  });
  expect(completed.completeEnrollment.__typename).toBe("EnrollmentCompleted");
  const signedIn = await browser.gql(SIGN_IN, {
    input: { email: input.email, password: STRONG_PASSWORD },
  });
  expect(signedIn.signIn.__typename).toBe("SignedIn");
}

const typeOf = (data: Record<string, { __typename: string }>) => Object.values(data)[0]!.__typename;

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

/** `count` wrong sign-ins, one after the other, from each of `ips` (a browser each). */
async function strangers(ips: string[], count: number, send: (ip: string) => Promise<string>) {
  const outcomes: string[] = [];
  for (const ip of ips) for (let i = 0; i < count; i++) outcomes.push(await send(ip));
  return outcomes;
}

/** A new browser on `ip` whose only cookie is `cookie` ("name=value"). */
function carrying(cookie: string | undefined, ip: string, endpoint?: string): Browser {
  const browser = browserAt(ip, endpoint);
  browser.cookie = cookie;
  return browser;
}

const networks = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("staff", () => {
  const email = "sam.support@lessor.example";
  let ownerBrowser: Browser;
  let secret: string;
  const guess = (browser: Browser) =>
    browser
      .gql(STAFF_SIGN_IN, { input: { email, password: "a guess", code: "000000" } })
      .then(typeOf);

  test("the console's device cookie is its own: Path=/support, HttpOnly, SameSite=Strict", async () => {
    if (!app) return;
    ownerBrowser = browserAt("198.51.100.7", "/support/graphql");
    secret = await staffMember(email, ownerBrowser);
    expect(ownerBrowser.lastSetCookie).toMatch(
      /(^|, )portal_staff_device=v1\.[^;]+; Path=\/support; Expires=[^;]+; HttpOnly; SameSite=Strict/,
    );
    expect([...ownerBrowser.jar.keys()].sort()).toEqual(["portal_staff", "portal_staff_device"]);
  });

  test("35 wrong sign-ins from 7 networks: 30 judged, the rest refused; the owner's browser still gets in from a new network", async () => {
    if (!app) return;
    const attackers = networks("203.0.113.", 7);
    const outcomes = await strangers(attackers, 5, (ip) =>
      guess(browserAt(ip, "/support/graphql")),
    );
    expect(tally(outcomes)).toEqual({ StaffSignInFailed: 30, RateLimited: 5 });

    // The owner's browser, with its device cookie only (no session), from a network that never failed.
    const known = carrying(
      `portal_staff_device=${ownerBrowser.jar.get("portal_staff_device")}`,
      "192.0.2.50",
      "/support/graphql",
    );
    const signedIn = await known.gql(STAFF_SIGN_IN, {
      input: {
        email,
        password: staffPassword,
        // The next step's code: the current one was used when the account was set up.
        code: authenticatorCode(secret, Date.now() + 30_000),
      },
    });
    expect(signedIn.staffSignIn).toEqual({ __typename: "StaffSignedIn", staff: { email } });

    // The strangers' networks stay limited, right password or not.
    for (const ip of attackers)
      expect(await guess(browserAt(ip, "/support/graphql"))).toBe("RateLimited");
  });

  test("an unknown browser on a clean network waits out the address's block, as a stranger would: the guesses an address gets are bounded", async () => {
    if (!app) return;
    const fresh = await browserAt("192.0.2.51", "/support/graphql").gql(STAFF_SIGN_IN, {
      input: {
        email,
        password: staffPassword,
        code: authenticatorCode(secret, Date.now() + 60_000),
      },
    });
    expect(fresh.staffSignIn.__typename).toBe("RateLimited");
    // The first block of RATE_LIMIT_STAFF_SIGNIN_EMAIL (30/3600): an hour.
    expect(fresh.staffSignIn.retryAfterSeconds).toBeGreaterThan(3500);
  });

  test("a forged device cookie, or another member of staff's, is no exemption", async () => {
    if (!app) return;
    const other = browserAt("198.51.100.8", "/support/graphql");
    await staffMember("ana.admin@lessor.example", other);
    const anas = other.jar.get("portal_staff_device")!;
    const samsRealId = ownerBrowser.jar.get("portal_staff_device")!.split(".")[1]!;
    const [v, , expires, mac] = anas.split(".");
    for (const cookie of [
      anas, // issued for another account
      `${v}.${samsRealId}.${expires}.${mac}`, // Sam's id under Ana's tag
      `v1.${"A".repeat(22)}.9999999999.${"A".repeat(43)}`, // made up
    ])
      expect(
        await guess(carrying(`portal_staff_device=${cookie}`, "192.0.2.60", "/support/graphql")),
      ).toBe("RateLimited");
  });

  test("200 guesses of the code with the right password from 200 networks, half with a forged device cookie: at most 30 codes judged; a stolen real one adds at most 5", async () => {
    if (!app) return;
    const target = "tess.totp@lessor.example";
    const victim = browserAt("198.51.100.9", "/support/graphql");
    await staffMember(target, victim);
    const real = victim.jar.get("portal_staff_device")!;
    const judged = () =>
      app!.db.prisma.auditEvent.count({
        where: { eventType: "STAFF_SIGN_IN", outcome: "FAILED", email: target },
      });
    const burst = (cookie: (i: number) => string | undefined) =>
      Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const b = carrying(
            cookie(i),
            `10.${Math.floor(i / 100)}.${i % 100}.1`,
            "/support/graphql",
          );
          // Every code but the right one (which was used at set-up, so would fail anyway).
          const code = String(i).padStart(6, "0");
          return b
            .gql(STAFF_SIGN_IN, { input: { email: target, password: staffPassword, code } })
            .then(typeOf);
        }),
      );
    const forged = `portal_staff_device=v1.${"B".repeat(22)}.9999999999.${"B".repeat(43)}`;
    const first = await burst((i) => (i % 2 ? forged : undefined));
    const afterFirst = await judged();
    // RATE_LIMIT_STAFF_SIGNIN_EMAIL (30/3600): reserved before judging, so no burst gets past it.
    expect(afterFirst).toBe(30);
    expect(tally(first)).toEqual({ StaffSignInFailed: afterFirst, RateLimited: 200 - afterFirst });

    const second = await burst(() => `portal_staff_device=${real}`);
    const stolen = (await judged()) - afterFirst;
    // RATE_LIMIT_SIGNIN_DEVICE (5/900) on the token's id, whatever the network.
    expect(stolen).toBe(5);
    expect(tally(second)).toEqual({ StaffSignInFailed: stolen, RateLimited: 200 - stolen });
  });
});

describe("customers", () => {
  const owner = {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  };
  let ownerBrowser: Browser;
  let others: Browser;
  const guess = (ip: string, email = owner.email) =>
    browserAt(ip)
      .gql(SIGN_IN, { input: { email, password: "a wrong password" } })
      .then(typeOf);
  const signIn = (browser: Browser, email = owner.email) =>
    browser.gql(SIGN_IN, { input: { email, password: STRONG_PASSWORD } }).then(typeOf);

  test("a sign-in gives the browser a device cookie of its own: the whole site, HttpOnly, SameSite=Strict", async () => {
    if (!app) return;
    ownerBrowser = browserAt("198.51.100.17");
    await customer(owner, ownerBrowser);
    expect(ownerBrowser.lastSetCookie).toMatch(
      /(^|, )portal_device=v1\.[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict/,
    );
    expect([...ownerBrowser.jar.keys()].sort()).toEqual(["portal_device", "portal_session"]);
  });

  test("a correct sign-in from a clean network is not refused for someone else's failures within the address's allowance", async () => {
    if (!app) return;
    const account = {
      email: "compta@ca-customer.example",
      billingPostalCode: "K1A 0B1",
      contractId: "CA-001",
    };
    await customer(account, browserAt("198.51.100.18"));
    // One stranger's network fills its own limit (RATE_LIMIT_SIGNIN_EMAIL, 5/900)...
    const outcomes = await strangers(["203.0.113.20"], 7, (ip) => guess(ip, account.email));
    expect(outcomes).toEqual([...Array(5).fill("SignInFailed"), "RateLimited", "RateLimited"]);
    // ...and the owner, in a browser that never signed in, on a network that never failed, gets in.
    expect(await signIn(browserAt("192.0.2.70"), account.email)).toBe("SignedIn");
    expect(await guess("203.0.113.20", account.email)).toBe("RateLimited");
  });

  test("35 wrong sign-ins from 7 networks: 10 judged, the rest refused; the owner's browser still gets in from a new network, an unknown one waits", async () => {
    if (!app) return;
    const attackers = networks("203.0.113.3", 7);
    const outcomes = await strangers(attackers, 5, (ip) => guess(ip));
    // RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL (10/3600) is spent by the second network.
    expect(tally(outcomes)).toEqual({ SignInFailed: 10, RateLimited: 25 });

    const known = carrying(`portal_device=${ownerBrowser.jar.get("portal_device")}`, "192.0.2.80");
    expect(await signIn(known)).toBe("SignedIn");
    // An unknown browser on a clean network: the address's allowance is spent, so it waits.
    expect(await signIn(browserAt("192.0.2.81"))).toBe("RateLimited");
    for (const ip of attackers) expect(await guess(ip)).toBe("RateLimited");
  });

  test("a forged device cookie, or another account's, is no exemption", async () => {
    if (!app) return;
    others = browserAt("198.51.100.19");
    await customer(
      { email: "ops@uk-customer.example", billingPostalCode: "SW1A 1AA", contractId: "UK-001" },
      others,
    );
    const theirs = others.jar.get("portal_device")!;
    const ownersId = ownerBrowser.jar.get("portal_device")!.split(".")[1]!;
    const [v, , expires, mac] = theirs.split(".");
    for (const cookie of [
      theirs,
      `${v}.${ownersId}.${expires}.${mac}`,
      `v1.${"A".repeat(22)}.9999999999.${"A".repeat(43)}`,
    ])
      expect(await signIn(carrying(`portal_device=${cookie}`, "192.0.2.90"))).toBe("RateLimited");
  });

  test("a stolen device cookie gets at most 5 guesses, from however many networks", async () => {
    if (!app) return;
    const email = "ops@uk-customer.example";
    const judgedBefore = await app.db.prisma.auditEvent.count({
      where: { eventType: "SIGN_IN", outcome: "FAILED", email },
    });
    const stolen = `portal_device=${others.jar.get("portal_device")!}`;
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        carrying(stolen, `10.7.${i}.1`)
          .gql(SIGN_IN, { input: { email, password: `wrong guess ${i}` } })
          .then(typeOf),
      ),
    );
    const judged =
      (await app.db.prisma.auditEvent.count({
        where: { eventType: "SIGN_IN", outcome: "FAILED", email },
      })) - judgedBefore;
    expect(judged).toBe(5);
    expect(tally(outcomes)).toEqual({ SignInFailed: 5, RateLimited: 95 });
  });
  test("many device cookies of one account (kept by someone who once knew the password) get 10 guesses an hour in all", async () => {
    if (!app) return;
    const account = {
      email: "pat@contact.example",
      billingPostalCode: "10001",
      contractId: "US-002",
    };
    await customer(account, browserAt("198.51.100.21"));
    // Every sign-in issues a cookie of its own: 14 of them, from 14 browsers.
    const kept: string[] = [];
    for (let i = 0; i < 14; i++) {
      const browser = browserAt(`198.51.101.${i}`);
      expect(await signIn(browser, account.email)).toBe("SignedIn");
      kept.push(`portal_device=${browser.jar.get("portal_device")!}`);
    }
    // One wrong password with each, from as many networks: the known-browser allowance is 10.
    const outcomes: string[] = [];
    for (const [i, cookie] of kept.entries())
      outcomes.push(
        await carrying(cookie, `10.8.${i}.1`)
          .gql(SIGN_IN, { input: { email: account.email, password: `wrong guess ${i}` } })
          .then(typeOf),
      );
    expect(tally(outcomes)).toEqual({ SignInFailed: 10, RateLimited: 4 });
  });
});
