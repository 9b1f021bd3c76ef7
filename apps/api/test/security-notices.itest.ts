import { runInThisContext } from "node:vm";
import {
  Browser,
  COMPLETE,
  FORGOT,
  RESET,
  STRONG_PASSWORD,
  SmtpCapture,
  type TestApp,
  selfEnroll,
  servicingFixture,
  startTestApp,
  tokenFrom,
} from "@portal/test-support";

let app: TestApp;
let smtp: SmtpCapture;
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
  smtp = await new SmtpCapture().start();
  app = await startTestApp(servicingFixture, { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: "100" });
});
afterAll(async () => {
  realProcess.off("warning", collect);
  await app?.close();
  await smtp?.stop();
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
  const token = tokenFrom(await smtp.waitFor(email, /Finish setting up/), "verify");
  const browser = new Browser(app);
  // The page's language, as the web app sends it.
  browser.headers["accept-language"] = language;
  expect(
    (await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } }))
      .completeEnrollment.__typename,
  ).toBe("EnrollmentCompleted");
  return browser;
}

test("when someone new registers for a customer, its other active users are told who, once; the newcomer and pending users are not", async () => {
  // The owner reads the portal in French: its notices come in French.
  await enrollAndActivate("owner@us-customer.example", "94607", "US-001", "fr-CA");
  // The first account of the customer: nobody else to tell.
  await app.server.mailWorker.drain();
  expect(smtp.messages.filter((m) => /Une nouvelle personne|Someone new/.test(m.subject))).toEqual(
    [],
  );

  expect(
    (
      await selfEnroll(app, {
        email: "pat@contact.example",
        billingPostalCode: "10001",
        contractId: "US-002",
      })
    ).__typename,
  ).toBe("EnrollmentStarted");
  const notice = await smtp.waitFor(
    "owner@us-customer.example",
    /Une nouvelle personne s'est inscrite pour US Customer au Portail client/,
  );
  expect(notice.text).toMatch(/^Bonjour Test,/);
  expect(notice.text).toContain("Test Person (pat@contact.example) s'est inscrit");
  expect(notice.text).toMatch(/écrivez-nous à .+ : nous pouvons le lui retirer/);
  await app.server.mailWorker.drain();
  await app.server.mailWorker.drain();
  expect(smtp.messages.filter((m) => /Une nouvelle personne|Someone new/.test(m.subject))).toEqual(
    [],
  );
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(0);
});

test("grants taken together in one pass are each told to the customer's active users, without queuing statements on the transaction's connection", async () => {
  // The owner is active (first test). Three more people register before the worker's next pass.
  await app.server.mailWorker.stop();
  const newcomers = [
    "billing@us-customer.example",
    "payables@us-customer.example",
    "ap@us-customer.example",
  ];
  for (const email of newcomers)
    expect(
      (await selfEnroll(app, { email, billingPostalCode: "94607", contractId: "US-001" }))
        .__typename,
    ).toBe("EnrollmentStarted");
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(3);
  app.server.mailWorker.start();
  const told: string[] = [];
  for (const _ of newcomers) {
    const notice = await smtp.waitFor("owner@us-customer.example", /Une nouvelle personne/);
    told.push(newcomers.find((email) => notice.text.includes(`(${email})`)) ?? notice.text);
  }
  expect(told.sort()).toEqual([...newcomers].sort());
  expect(await app.db.prisma.customerAccessGrant.count({ where: { notifiedAt: null } })).toBe(0);
  // Warnings are emitted on the next tick; this one covers the notices of the test before too.
  await new Promise((resolve) => setImmediate(resolve));
  expect(deprecations).toEqual([]);
});

test("a password changed with a reset link is confirmed to the account's address", async () => {
  const email = "owner@us-customer.example";
  await new Browser(app).gql(FORGOT, { email });
  const token = tokenFrom(await smtp.waitFor(email, /Reset your/), "reset-password");
  // Read in English this time: the confirmation follows the page's language, not the stored one.
  const browser = new Browser(app);
  browser.headers["accept-language"] = "en-US,en;q=0.9";
  const reset = (
    await browser.gql(RESET, { input: { token, password: "a brand new passphrase 88" } })
  ).resetPassword;
  expect(reset.__typename).not.toMatch(/Rejected/);
  const confirmation = await smtp.waitFor(email, /password was changed/);
  expect(confirmation.text).toContain("If it was not you, contact us right away");
  expect(confirmation.text).not.toMatch(/token=/);
});
