import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { createStaffInvitations } from "@portal/api/support/staff-invitations.service";
import { SmtpCapture, authenticatorCode, testConfig, tokenFrom } from "@portal/test-support";
import {
  STRONG_PASSWORD,
  describeInBrowser,
  expectAccessible,
  expectOnlyHashes,
  focused,
  openPage,
  screenshot,
  startPortal,
  tabTo,
  type Portal,
  type TestPage,
} from "./support";

jest.setTimeout(180_000);

/**
 * The support console's pages in Chromium against the real API, trusted documents only on both
 * endpoints (the build's two manifests): an invited administrator sets up a password and an
 * authenticator, signs in with a code, finds customers, reads why one was refused, explains it and
 * deactivates an account with the keyboard; a SUPPORT member finds the ADMIN actions unavailable and
 * is refused by the server when asking anyway.
 */

const DIST = path.join(__dirname, "..", "dist", ".vite");
const STAFF_PASSWORD = "quartz lantern meadow 77 orbit";

/** The hash of a built page's operation, from the manifest the API loaded. */
function hashOf(
  manifest: "persisted-documents.json" | "support-persisted-documents.json",
  name: string,
) {
  const documents = JSON.parse(readFileSync(path.join(DIST, manifest), "utf8")) as Record<
    string,
    string
  >;
  const found = Object.entries(documents).find(([, d]) =>
    new RegExp(`(^|\\n| )(query|mutation) ${name}\\b`).test(d),
  );
  if (!found) throw new Error(`no operation ${name} in ${manifest}`);
  return found[0];
}

let smtp: SmtpCapture;
let portal: Portal;
beforeAll(async () => {
  smtp = await new SmtpCapture().start();
  portal = await startPortal({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await portal?.close();
  await smtp?.stop();
});

/** A customer page's operation through the public API, by hash as the web app sends it. */
async function customerOperation(name: string, variables: Record<string, unknown>) {
  const response = await fetch(`${portal.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      operationName: name,
      variables,
      extensions: {
        persistedQuery: { version: 1, sha256Hash: hashOf("persisted-documents.json", name) },
      },
    }),
  });
  const body = (await response.json()) as { data?: Record<string, { __typename: string }> };
  const field = name[0]!.toLowerCase() + name.slice(1);
  if (!body.data?.[field]) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body.data[field].__typename;
}

/** `pnpm staff:invite` does this: the account, the link and the mail; the link's token from SMTP. */
async function invite(email: string, role: "SUPPORT" | "ADMIN"): Promise<string> {
  const outcome = await createStaffInvitations(
    portal.app.db,
    testConfig({ SMTP_URL: smtp.url }),
  ).invite(email, role, { requestId: null, ipHash: null, userAgent: null });
  expect(outcome.kind).toBe("invited");
  await portal.app.server.mailWorker.drain();
  const mail = await smtp.waitFor(email, /support console/);
  expect(mail.text).toMatch(/\/support\/invite\?token=/);
  return tokenFrom(mail, "support/invite");
}

/** The invitation page: the password, then the key shown beside the QR code. Returns the key. */
async function setUp(page: Page, token: string, account: string): Promise<string> {
  await page.goto(`/support/invite?token=${token}`);
  await page.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await page.getByRole("heading", { name: "Add the console to your authenticator app" }).waitFor();
  await page
    .getByRole("img", { name: `QR code that adds ${account} to an authenticator app` })
    .waitFor();
  const grouped = (await page.locator("#authenticator-key").innerText()).trim();
  expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  return grouped.replace(/ /g, "");
}

async function signIn(page: Page, email: string, secret: string, atMs = Date.now()) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel("Authenticator code").fill(authenticatorCode(secret, atMs));
  await page.getByRole("button", { name: "Sign in" }).click();
}

const DANA = "dana.whitfield@northwind.example";
const AMELIE = "amelie@mapleleafdental.example";

describeInBrowser("the support console", () => {
  let admin: TestPage;
  let adminKey: string;
  beforeAll(async () => {
    admin = await openPage(portal);
  });
  afterAll(async () => {
    await admin.context.close();
  });

  test("customers: one enrolls and sets a password; one is refused for the postal code, then enrolls", async () => {
    const enroll = (
      email: string,
      firstName: string,
      contractId: string,
      billingPostalCode: string,
    ) =>
      customerOperation("SelfEnroll", {
        input: { firstName, lastName: "Customer", email, contractId, billingPostalCode },
      });
    expect(await enroll(DANA, "Dana", "LSE-100234", "94607")).toBe("EnrollmentStarted");
    const token = tokenFrom(await smtp.waitFor(DANA, /Finish setting up/), "verify");
    expect(
      await customerOperation("CompleteEnrollment", {
        input: { token, password: STRONG_PASSWORD },
      }),
    ).toBe("EnrollmentCompleted");
    expect(await enroll(AMELIE, "Amélie", "LSE-200410", "M5V 3L9")).toBe("EnrollmentRejected");
    expect(await enroll(AMELIE, "Amélie", "LSE-200410", "M5H 2N2")).toBe("EnrollmentStarted");
  });

  test("an invited administrator sets a password (a guessable one refused), sees the QR code and the key, and signs in with a code", async () => {
    const { page } = admin;
    const token = await invite("ana.admin@lessor.example", "ADMIN");
    await page.goto(`/support/invite?token=${token}`);
    await page.getByRole("heading", { level: 1, name: "Set up your staff account" }).waitFor();
    expect(await page.title()).toBe("Set up your staff account – Support console");
    await expectAccessible(page, "support invite");
    await screenshot(page, "support-01-invite");

    await page.getByLabel("Password", { exact: true }).fill("password1234");
    await page.getByRole("button", { name: "Set password" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await focused(page)).toMatchObject({ className: "error-summary" });
    expect(await page.locator("#password-error").innerText()).toMatch(/guess/i);
    await expectAccessible(page, "support invite, password refused");

    adminKey = await setUp(page, token, "ana.admin@lessor.example").catch(async () => {
      // setUp opens the link again: a refused password leaves it usable.
      throw new Error("the invitation link did not stay usable after a refused password");
    });
    await expectAccessible(page, "support authenticator set-up");
    await screenshot(page, "support-02-authenticator");

    await page.getByRole("link", { name: "Continue to sign in" }).click();
    await page.waitForURL("**/support/sign-in");
    const code = page.getByLabel("Authenticator code");
    expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await code.getAttribute("inputmode")).toBe("numeric");
    await expectAccessible(page, "support sign-in");
    await screenshot(page, "support-03-sign-in");

    // A wrong code fails like a wrong password, and empties both.
    await page.getByLabel("Email address").fill("ana.admin@lessor.example");
    await page.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
    await code.fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Email, password or code not accepted.").waitFor();
    expect(await code.inputValue()).toBe("");
    await expectAccessible(page, "support sign-in refused");

    await signIn(page, "ana.admin@lessor.example", adminKey);
    await page.waitForURL("**/support/search");
    await page.getByText("Signed in as ana.admin@lessor.example (Administrator)").waitFor();
  });

  test("search finds the customer who enrolled and the one refused; the account page shows the refusal's reason", async () => {
    const { page } = admin;
    await expectAccessible(page, "support search");
    await page.getByLabel("Email, name, customer id or contract id").fill("Dana Customer");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const danaRow = page.getByRole("row", { name: new RegExp(DANA) });
    await danaRow.waitFor();
    expect(await danaRow.innerText()).toMatch(/Active/);
    expect(await danaRow.innerText()).toMatch(/Northwind Logistics LLC/);
    await expectAccessible(page, "support search results");
    await screenshot(page, "support-04-search");

    await page.getByLabel("Email, name, customer id or contract id").fill("amelie@");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("1 account matches “amelie@”.").waitFor();
    expect(await page.getByRole("row", { name: new RegExp(AMELIE) }).innerText()).toMatch(
      /Pending verification/,
    );
    await page.getByRole("link", { name: AMELIE }).click();
    await page.getByRole("heading", { level: 1, name: /Amélie Customer/ }).waitFor();
    const refusal = page.getByRole("row", { name: /REJECTED/ });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/POSTAL_CODE_MISMATCH/);
    expect(await refusal.innerText()).toMatch(/LSE-200410/);
    expect(await page.getByRole("row", { name: /STARTED/ }).innerText()).toMatch(/ELIGIBLE/);
    await expectAccessible(page, "support account page");
    await screenshot(page, "support-05-account");
  });

  test("the explainer shows POSTAL_CODE_MISMATCH as the deciding check, with the postal code on file", async () => {
    const { page } = admin;
    await page
      .getByRole("row", { name: /REJECTED/ })
      .getByRole("link", { name: /^Explain/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Explain eligibility" }).waitFor();
    expect(await page.getByLabel("Email address").inputValue()).toBe(AMELIE);
    expect(await page.getByLabel("Contract id").inputValue()).toBe("LSE-200410");
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    expect(await page.locator(".error-summary").innerText()).toMatch(
      /Enter the billing postal code/,
    );
    await page.getByLabel("Billing postal code").fill("M5V 3L9");
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await page
      .getByText("Not eligible: the postal code differs from the contract's billing address.")
      .waitFor();
    expect(await focused(page)).toMatchObject({ id: "verdict-heading" });
    const decisive = page.locator(".row--decisive");
    expect(await decisive.count()).toBe(1);
    expect(await decisive.innerText()).toMatch(
      /Postal code matches[\s\S]*Failed[\s\S]*decided the refusal/,
    );
    const onFile = page.getByRole("row", { name: /^On file/ });
    expect(await onFile.innerText()).toContain("M5H 2N2");
    expect(await page.getByRole("row", { name: /^Entered/ }).innerText()).toContain("M5V 3L9");
    await expectAccessible(page, "support explainer");
    await screenshot(page, "support-06-explain");
  });

  test("an administrator deactivates an account with the keyboard only, confirming with a reason in a dialog", async () => {
    const { page } = admin;
    await page.goto("/support/search");
    await page.getByRole("heading", { level: 1, name: "Find an account" }).waitFor();
    await tabTo(page, (el) => el.id === "search");
    await page.keyboard.type(DANA);
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: DANA }).waitFor();
    await tabTo(
      page,
      (el) => el.tagName === "A" && el.textContent === "dana.whitfield@northwind.example",
    );
    expect((await focused(page))!.outline).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /Dana Customer/ }).waitFor();

    // Escape closes the dialog and gives focus back to its button.
    await tabTo(page, (el) => el.textContent === "Deactivate account");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Deactivate ${DANA}?` });
    await dialog.waitFor();
    expect(await focused(page)).toMatchObject({ id: "deactivate-reason" });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused(page)).toMatchObject({ text: "Deactivate account" });

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    // No reason: the dialog says so and keeps the focus in the field.
    await page.keyboard.press("Enter");
    await dialog.getByText("Give the reason for deactivating this account.").waitFor();
    expect(await focused(page)).toMatchObject({ id: "deactivate-reason" });
    await expectAccessible(page, "support deactivation dialog");
    await screenshot(page, "support-07-confirm-deactivation", [1280]);
    await page.keyboard.type("Reported a lost laptop by phone");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ text: "Deactivate the account", outline: true });
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });

    await page
      .getByText("The account is deactivated; its sessions ended and the person was told.")
      .waitFor();
    expect(await focused(page)).toMatchObject({
      className: expect.stringContaining("notice--success"),
    });
    await page.getByText("Reported a lost laptop by phone").waitFor();
    expect(await page.locator(".facts .badge").first().innerText()).toBe("Deactivated");
    await page.getByRole("button", { name: "Reactivate account" }).waitFor();
    await expectAccessible(page, "support account deactivated");
    await screenshot(page, "support-08-deactivated");
    // The person is told by email.
    await smtp.waitFor(DANA, /deactivated/);
  });

  test("a SUPPORT member finds the ADMIN actions unavailable, resends a verification email, and is refused ADMIN_ONLY by the server when asking anyway", async () => {
    const agent = await openPage(portal);
    const { page } = agent;
    const key = await setUp(
      page,
      await invite("sam.support@lessor.example", "SUPPORT"),
      "sam.support@lessor.example",
    );
    await page.getByRole("link", { name: "Continue to sign in" }).click();
    await signIn(page, "sam.support@lessor.example", key);
    await page.waitForURL("**/support/search");
    await page.getByText("Signed in as sam.support@lessor.example (Support)").waitFor();

    await page.getByLabel("Email, name, customer id or contract id").fill(AMELIE);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("link", { name: AMELIE }).click();
    await page.getByRole("heading", { level: 1, name: /Amélie Customer/ }).waitFor();
    const deactivate = page.getByRole("button", { name: "Deactivate account" });
    expect(await deactivate.isDisabled()).toBe(true);
    expect(
      await page
        .getByRole("button", { name: /^Revoke access to Maple Leaf Dental Clinic/ })
        .isDisabled(),
    ).toBe(true);
    expect(
      await page.getByText("Administrators only: ask an administrator to do this.").count(),
    ).toBe(2);
    await expectAccessible(page, "support account page for SUPPORT");
    await screenshot(page, "support-09-support-member");

    await page.getByRole("button", { name: "Resend verification email" }).click();
    await page
      .getByRole("dialog", { name: "Send a new verification email?" })
      .getByRole("button", { name: "Send the email" })
      .click();
    await page.getByText("A new verification email is on its way.").waitFor();
    await smtp.waitFor(AMELIE, /Finish setting up/);

    // The page offers no way, but the server is the authority: asked directly, it refuses.
    const userId = page.url().split("/users/")[1]!;
    const hash = hashOf("support-persisted-documents.json", "DeactivatePortalUser");
    const refused = await page.evaluate(
      async ({ userId, hash }) => {
        const response = await fetch("/support/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            operationName: "DeactivatePortalUser",
            variables: { userId, reason: "asked anyway" },
            extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
          }),
        });
        return (await response.json()) as unknown;
      },
      { userId, hash },
    );
    expect(refused).toMatchObject({
      data: {
        deactivatePortalUser: {
          __typename: "SupportActionRefused",
          code: "ADMIN_ONLY",
          message: "Only an administrator can do this.",
        },
      },
    });
    expect(agent.problems).toEqual([]);
    expectOnlyHashes(agent, [
      "StaffCompleteInvite",
      "StaffSignIn",
      "PortalUsers",
      "PortalUser",
      "ResendVerification",
    ]);
    await agent.context.close();
  });

  test("a session that ends on the server sends the page to sign-in; signing in again returns there; sign-out ends it", async () => {
    const { page } = admin;
    // The session ends elsewhere (another tab signs out) while this page still shows the console.
    await page.evaluate(
      async (hash) => {
        await fetch("/support/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            operationName: "StaffSignOut",
            extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
          }),
        });
      },
      hashOf("support-persisted-documents.json", "StaffSignOut"),
    );
    await page.getByRole("link", { name: "Explain eligibility" }).click();
    await page.getByLabel("Email address").fill(AMELIE);
    await page.getByLabel("Contract id").fill("LSE-200410");
    await page.getByLabel("Billing postal code").fill("M5H 2N2");
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await page.waitForURL("**/support/sign-in");
    await page.getByText("Your staff session has ended. Sign in again to go on.").waitFor();
    await expectAccessible(page, "support sign-in after the session ended");

    // The code of this 30-second step was used: the next one is accepted.
    await signIn(page, "ana.admin@lessor.example", adminKey, Date.now() + 30_000);
    await page.waitForURL("**/support/explain");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/support/sign-in");
    await page.getByText("You are signed out of the support console.").waitFor();
    await page.goto("/support/search");
    await page.waitForURL("**/support/sign-in");
    await page.getByRole("heading", { level: 1, name: "Staff sign-in" }).waitFor();
  });

  test("a page that does not exist, and every staff request was a hash of the staff pages' manifest", async () => {
    const { page } = admin;
    await page.goto("/support/no-such-page");
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await expectAccessible(page, "support not found");
    const staffRequests = admin.graphql.filter((r) => r.endpoint === "/support/graphql");
    expect(staffRequests.length).toBeGreaterThan(10);
    expect(admin.graphql.filter((r) => r.endpoint !== "/support/graphql")).toEqual([]);
    expectOnlyHashes(admin, [
      "StaffCompleteInvite",
      "StaffSignIn",
      "StaffMe",
      "PortalUsers",
      "PortalUser",
      "EnrollmentAttempts",
      "ExplainEligibility",
      "DeactivatePortalUser",
      "StaffSignOut",
    ]);
    // The only console errors: the 401s of the requests made after the session ended.
    expect(admin.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
