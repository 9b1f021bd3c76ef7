import { runInThisContext } from "node:vm";
import {
  eligible,
  Browser,
  COMPLETE,
  FORGOT,
  RESET,
  STRONG_PASSWORD,
  selfEnroll,
  servicingFixture,
  tokenFrom,
  startMailingTestApp,
  type MailingTestApp,
} from "@portal/test-support";

let app: MailingTestApp;
/**
 * pg warns (once a process) when a statement is sent on a connection still running two others, as
 * it happens when a transaction's statements are sent at once; pg 9 will refuse them. Node emits
 * the warning on the real process, not on the copy jest gives a test file as `process`.
 */
const realProcess = runInThisContext("process") as NodeJS.Process;
const deprecations: string[] = [];
const collect = (warning: Error) => {
  if (warning.name === "DeprecationWarning") deprecations.push(warning.message);
};
beforeAll(async () => {
  realProcess.on("warning", collect);
  app = await startMailingTestApp(servicingFixture);
});
afterAll(async () => {
  realProcess.off("warning", collect);
  await app?.close();
});

async function enrollAndActivate(
  email: string,
  billingPostalCode: string,
  contractId: string,
  language: string,
) {
  expect((await selfEnroll(app, { email, billingPostalCode, contractId })).__typename).toBe(
    "EnrollmentStarted",
  );
  const token = tokenFrom(await app.smtp.waitFor(email, /Finish setting up/), "verify");
  const browser = new Browser(app);
  // The page's language, as the web app sends it.
  browser.headers["accept-language"] = language;
  expect(
    (await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
  return browser;
}

const isNotice = (m: { subject: string }) => /Une nouvelle personne|Someone new/.test(m.subject);

test("a newcomer's notice waits until the account is active: its other active users are told who, once; the newcomer is not", async () => {
  // The owner reads the portal in French: its notices come in French.
  await enrollAndActivate("owner@us-customer.example", "94607", "US-001", "fr-CA");
  // The first account of the customer: nobody else to tell.
  await app.server.mailWorker.drain();
  expect(app.smtp.messages.filter(isNotice)).toEqual([]);

  expect((await selfEnroll(app, eligible.pat)).__typename).toBe("EnrollmentStarted");
  const token = tokenFrom(
    await app.smtp.waitFor("pat@contact.example", /Finish setting up/),
    "verify",
  );
  // Pending (the address is not verified, whoever typed the name may not own it): nobody is told yet.
  await app.server.mailWorker.drain();
  await app.server.mailWorker.drain();
  expect(app.smtp.messages.filter(isNotice)).toEqual([]);
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(1);

  expect(
    (await new Browser(app).gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
  const notice = await app.smtp.waitFor(
    "owner@us-customer.example",
    /Une nouvelle personne s'est inscrite pour US Customer au Portail client/,
  );
  expect(notice.text).toMatch(/^Bonjour Test,/);
  expect(notice.text).toContain("avec l'adresse pat@contact.example");
  expect(notice.text).toContain("tel qu'elle l'a tapé :\n\n« Test Person »\n\n");
  expect(notice.subject).not.toContain("Test");
  expect(notice.text).toMatch(/écrivez-nous à .+ : nous pouvons le lui retirer/);
  await app.server.mailWorker.drain();
  await app.server.mailWorker.drain();
  expect(app.smtp.messages.filter(isNotice)).toEqual([]);
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(0);
});

test("a grant added to an account already active (another customer's contract) is told at once", async () => {
  await enrollAndActivate("other@family.example", "73301", "SH-2", "en-US,en;q=0.9");
  await enrollAndActivate("shared@family.example", "30301", "SH-1", "en-US,en;q=0.9");
  await app.server.mailWorker.drain();
  expect(app.smtp.messages.filter(isNotice)).toEqual([]);

  // The active account proves a contract of the second customer: no activation to wait for.
  expect((await selfEnroll(app, eligible.sharedSecond)).__typename).toBe("EnrollmentStarted");
  const notice = await app.smtp.waitFor(
    "other@family.example",
    /Someone new registered for Shared Two/,
  );
  expect(notice.text).toContain("shared@family.example");
});

test("grants taken together in one pass are each told to the customer's active users, without queuing statements on the transaction's connection", async () => {
  // The owner is active (first test). Three more people register, and verify before the worker's next pass.
  const newcomers = [
    "billing@us-customer.example",
    "payables@us-customer.example",
    "ap@us-customer.example",
  ];
  const tokens: string[] = [];
  for (const email of newcomers) {
    expect(
      (await selfEnroll(app, { email, billingPostalCode: "94607", contractId: "US-001" }))
        .__typename,
    ).toBe("EnrollmentStarted");
    tokens.push(tokenFrom(await app.smtp.waitFor(email, /Finish setting up/), "verify"));
  }
  await app.server.mailWorker.stop();
  for (const token of tokens)
    expect(
      (await new Browser(app).gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
        .completeEnrollment.__typename,
    ).toBe("EnrollmentCompleted");
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(3);
  app.server.mailWorker.start();
  const told: string[] = [];
  for (const _ of newcomers) {
    const notice = await app.smtp.waitFor("owner@us-customer.example", /Une nouvelle personne/);
    told.push(newcomers.find((email) => notice.text.includes(email)) ?? notice.text);
  }
  expect(told.sort()).toEqual([...newcomers].sort());
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(0);
  // Warnings are emitted on the next tick; this one covers the notices of the tests before too.
  await new Promise((resolve) => setImmediate(resolve));
  expect(deprecations).toEqual([]);
});

test("a password changed with a reset link is confirmed to the account's address", async () => {
  const email = "owner@us-customer.example";
  await new Browser(app).gql(FORGOT, { email });
  const token = tokenFrom(await app.smtp.waitFor(email, /Reset your/), "reset-password");
  // Read in English this time: the confirmation follows the page's language, not the stored one.
  const browser = new Browser(app);
  browser.headers["accept-language"] = "en-US,en;q=0.9";
  const reset = (
    await browser.gql(RESET, { input: { token, password: "a brand new passphrase 88" } })
  ).resetPassword;
  expect(reset.__typename).not.toMatch(/Rejected/);
  const confirmation = await app.smtp.waitFor(email, /password was changed/);
  expect(confirmation.text).toContain("If it was not you, contact us right away");
  expect(confirmation.text).not.toMatch(/token=/);
});
