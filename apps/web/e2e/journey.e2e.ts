import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { importFixture } from "@portal/test-support";
import {
  CUSTOM_CONTRACT_HINT,
  STRONG_PASSWORD,
  describeInBrowser,
  expectAccessible,
  expectOnlyHashes,
  linkFromMailbox,
  openPage,
  screenshot,
  startPortal,
  type Portal,
  type TestPage,
} from "./support";

jest.setTimeout(180_000);

let portal: Portal;
beforeAll(async () => {
  // A tight per-contract limit so a real RateLimited answer can be seen (other limits stay loose).
  portal = await startPortal({ RATE_LIMIT_ENROLL_CONTRACT: "3/3600" });
});
afterAll(async () => {
  await portal?.close();
});

async function fillStepOne(
  page: Page,
  values: { firstName: string; lastName: string; email: string },
) {
  await page.getByLabel("First name").fill(values.firstName);
  await page.getByLabel("Last name").fill(values.lastName);
  await page.getByLabel("Email address").fill(values.email);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function fillStepTwo(page: Page, values: { contractId: string; billingPostalCode: string }) {
  await page.getByLabel("Contract number").fill(values.contractId);
  await page.getByLabel("Billing postal code").fill(values.billingPostalCode);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Review and register" }).waitFor();
}

const activeClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? "");

describeInBrowser("the portal in Chromium (English)", () => {
  let tab: TestPage;
  beforeAll(async () => {
    tab = await openPage(portal);
  });
  afterAll(async () => {
    await tab.context.close();
  });

  test("full journey: register → check email → dev mailbox → set password → my contracts → sign out → sign in", async () => {
    const { page } = tab;
    await page.goto("/");
    await page.waitForURL("**/sign-in");
    const register = page.getByRole("link", { name: "Register Here" });
    await register.waitFor();
    expect(await page.title()).toBe("Sign in – Customer Portal");
    await expectAccessible(page, "sign-in");
    await screenshot(page, "01-sign-in");

    await register.click();
    await page.waitForURL("**/register");
    await page.getByRole("heading", { name: "About you" }).waitFor();
    // Hints come from the operator's copy file through the API.
    const emailHint = await page.locator("#email-hint").textContent();
    expect(emailHint).toContain("such as the one your invoices or statements are sent to");
    expect(await page.getByLabel("Email address").getAttribute("aria-describedby")).toBe(
      "email-hint",
    );
    await expectAccessible(page, "register step 1");
    await screenshot(page, "02-register-about-you");

    await fillStepOne(page, {
      firstName: "Dana",
      lastName: "Whitfield",
      email: "dana.whitfield@northwind.example",
    });
    await page.getByRole("heading", { name: "Your contract" }).waitFor();
    expect(await page.locator("#contractId-hint").textContent()).toBe(CUSTOM_CONTRACT_HINT.en);
    expect(await page.locator("#billingPostalCode-hint").textContent()).toContain(
      "US: the 5-digit ZIP is enough. Canada: A1A 1A1.",
    );
    await expectAccessible(page, "register step 2");
    await screenshot(page, "03-register-contract");

    // A step back keeps what was typed.
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("heading", { name: "About you" }).waitFor();
    expect(await page.getByLabel("Email address").inputValue()).toBe(
      "dana.whitfield@northwind.example",
    );
    await page.getByRole("button", { name: "Continue" }).click();

    await fillStepTwo(page, { contractId: "LSE-100234", billingPostalCode: "94607" });
    const review = await page.locator("dl.review").innerText();
    expect(review).toContain("dana.whitfield@northwind.example");
    expect(review).toContain("LSE-100234");
    await expectAccessible(page, "register review");
    await screenshot(page, "04-register-review");

    await page.getByRole("button", { name: "Register", exact: true }).click();
    await page.waitForURL("**/check-email");
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    expect(await page.locator("main").innerText()).toContain(
      "we have sent a link to dana.whitfield@northwind.example",
    );
    await expectAccessible(page, "check email");
    await screenshot(page, "05-check-email");

    const verifyPath = await linkFromMailbox(page, "dana.whitfield@northwind.example", "verify");
    await expectAccessible(page, "dev mailbox");
    await screenshot(page, "06-dev-mailbox", [1280]);

    await page.goto(verifyPath);
    await page.getByRole("heading", { name: "Set your password" }).waitFor();
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("short one");
    expect(await page.locator("#password-counter").textContent()).toBe(
      "9 of at least 12 characters",
    );
    expect(await password.getAttribute("aria-describedby")).toContain("password-counter");
    await expectAccessible(page, "verify");
    await screenshot(page, "07-set-password");

    // Long enough but easy to guess: the server's PasswordRejected lands on the field.
    await password.fill("password1234");
    expect(await page.locator("#password-counter").textContent()).toBe(
      "12 characters: long enough",
    );
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await page.locator("#password-error").waitFor();
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    expect(await password.getAttribute("aria-describedby")).toContain("password-error");
    expect(await activeClass(page)).toBe("error-summary");
    await expectAccessible(page, "verify with a refused password");
    await screenshot(page, "08-set-password-refused");

    await password.fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await page.waitForURL("**/contracts");
    await page.getByText("Your account is ready.").waitFor();
    const contracts = await page.locator(".contract__id").allInnerTexts();
    expect(contracts.map((text) => text.replace(/^Contract\s*/, ""))).toEqual([
      "LSE-100234",
      "LSE-100235",
    ]);
    expect(await page.locator("main").innerText()).toContain("Northwind Logistics LLC");
    await expectAccessible(page, "my contracts");
    await screenshot(page, "09-my-contracts");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signed-out");
    await expectAccessible(page, "signed out");
    await screenshot(page, "10-signed-out");

    // Signed out: the contracts page sends you to sign in.
    await page.goto("/contracts");
    await page.waitForURL("**/sign-in");

    await page.getByLabel("Email address").fill("dana.whitfield@northwind.example");
    await page.getByLabel("Password", { exact: true }).fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .locator(".error-summary")
      .getByText("The email address or password is not right")
      .waitFor();
    expect(await activeClass(page)).toBe("error-summary");
    await expectAccessible(page, "sign-in failed");
    await screenshot(page, "11-sign-in-failed", [1280]);

    await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/contracts");
    await page.locator(".contract__id").first().waitFor();

    // The verification link works once; opening it again explains why and offers a new one.
    await page.goto(verifyPath);
    await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await page.getByText("This link has already been used.").waitFor();
    expect(await page.getByRole("link", { name: "Send me a new link" }).getAttribute("href")).toBe(
      "/resend",
    );
    await expectAccessible(page, "verify with a used link");
    await screenshot(page, "12-link-used", [1280]);
    expect(tab.problems).toEqual([]);
    // The API ran only the web app's operations, and the page sent each by its hash alone.
    expectOnlyHashes(tab, [
      "PortalCopy",
      "SelfEnroll",
      "CompleteEnrollment",
      "MyContracts",
      "SignOut",
      "SignIn",
    ]);
  });

  test("forgot password → reset link from the mailbox → new password → signed in", async () => {
    const { page } = tab;
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL("**/forgot-password");
    await expectAccessible(page, "forgot password");
    await screenshot(page, "13-forgot-password");
    await page.getByLabel("Email address").fill("dana.whitfield@northwind.example");
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("If that address has an account").waitFor();

    const resetPath = await linkFromMailbox(
      page,
      "dana.whitfield@northwind.example",
      "reset-password",
    );
    await page.goto(resetPath);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await expectAccessible(page, "reset password");
    await screenshot(page, "14-reset-password");
    await page.getByLabel("New password").fill("harbour lantern maple 77 quartz");
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.waitForURL("**/contracts");
    await page.getByText("Your password has been changed.").waitFor();
    expect(tab.problems).toEqual([]);
    expectOnlyHashes(tab, ["RequestPasswordReset", "ResetPassword"]);
  });

  test("resend page, a verify link without token, not found and error pages", async () => {
    const { page } = tab;
    await page.goto("/resend");
    await expectAccessible(page, "resend");
    await page.getByLabel("Email address").fill("a@b.example, c@d.example");
    await page.getByRole("button", { name: "Send a new link" }).click();
    await page.getByText("Enter one email address in the form name@example.com.").first().waitFor();
    await page.getByLabel("Email address").fill("amelie@mapleleafdental.example");
    await page.getByRole("button", { name: "Send a new link" }).click();
    await page.getByText("If that address is registered, a new email is on its way.").waitFor();
    await screenshot(page, "15-resend");

    await page.goto("/verify");
    await page.getByText("This page needs the link from your email.").waitFor();
    await expectAccessible(page, "verify without token");

    await page.goto("/no/such/page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await expectAccessible(page, "not found");
    await screenshot(page, "16-not-found");

    await page.route("**/graphql", async (route) => {
      if (route.request().postData()?.includes("MyContracts"))
        await route.fulfill({
          status: 500,
          contentType: "application/json",
          body: '{"errors":[{"message":"Internal server error"}]}',
        });
      else await route.continue();
    });
    await page.goto("/contracts");
    await page.getByRole("heading", { name: "Something went wrong" }).waitFor();
    await expectAccessible(page, "error");
    await screenshot(page, "17-error");
    await page.unroute("**/graphql");
  });

  test("my contracts follow the servicing data: a terminated contract under Closed, and a notice when access is withdrawn", async () => {
    const { page } = tab;
    tab.problems.length = 0; // the error page test before this one made its failures on purpose
    const demo = JSON.parse(
      readFileSync(path.join(__dirname, "..", "..", "..", "demo", "servicing-demo.json"), "utf8"),
    ) as { contacts: { contactId: string }[]; contracts: { contractId: string; status: string }[] };
    const terminated = demo.contracts.find((c) => c.contractId === "LSE-100235")!;
    await importFixture(portal.app.db, { contracts: [{ ...terminated, status: "TERMINATED" }] });
    await page.goto("/contracts");
    await page.getByRole("heading", { name: "Closed" }).waitFor();
    expect(
      (await page.locator(".contract__id").allInnerTexts()).map((t) =>
        t.replace(/^Contract\s*/, ""),
      ),
    ).toEqual(["LSE-100234", "LSE-100235"]);
    const closed = page.locator(".closed-contracts");
    expect(await closed.innerText()).toMatch(/closed on\s+\w+ \d{1,2}, \d{4}/i);
    await expectAccessible(page, "my contracts with closed");
    await screenshot(page, "18-my-contracts-closed");
    await page.getByRole("button", { name: "Français", exact: true }).click();
    await page.getByRole("heading", { name: "Fermés" }).waitFor();
    expect(await closed.innerText()).toMatch(/fermé le\s+\d{1,2} \p{L}+ \d{4}/iu);
    await expectAccessible(page, "my contracts with closed (fr-CA)");
    await page.getByRole("button", { name: "English", exact: true }).click();

    // The contact is removed in the servicing system: the account keeps signing in and sees nothing
    // but a notice to contact support; back on file, the contracts return.
    await importFixture(portal.app.db, { removed: { contacts: ["CON-2001"] } });
    await page.goto("/contracts");
    await page.getByText("Please contact support to restore access.").waitFor();
    expect(await page.locator(".contract").count()).toBe(0);
    expect(
      await page
        .locator("main .notice")
        .getByRole("link", { name: "support@lessor.example" })
        .count(),
    ).toBe(1);
    await expectAccessible(page, "my contracts, access suspended");
    await screenshot(page, "19-my-contracts-suspended");
    await importFixture(portal.app.db, { contacts: [demo.contacts[0]] });
    await page.goto("/contracts");
    await page.locator(".contract__id").first().waitFor();
    expect(tab.problems).toEqual([]);
  });
});

describeInBrowser("the Register Here wizard's outcomes", () => {
  let tab: TestPage;
  beforeEach(async () => {
    tab = await openPage(portal);
  });
  afterEach(async () => {
    await tab.context.close();
  });

  test("empty and malformed fields are listed in a focused summary and marked on each field", async () => {
    const { page } = tab;
    await page.goto("/register");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await activeClass(page)).toBe("error-summary");
    expect(await page.locator(".error-summary li").allInnerTexts()).toEqual([
      "Enter your first name.",
      "Enter your last name.",
      "Enter your email address.",
    ]);
    const email = page.getByLabel("Email address");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await email.getAttribute("aria-describedby")).toBe("email-hint email-error");
    await expectAccessible(page, "register with errors");
    await screenshot(page, "18-register-errors");

    // Lookalike dots and an invisible letter are refused as the server would (packages/matching).
    await page
      .getByLabel("First name")
      .fill("Security team. Confirm at portal\uA4F8northwind-secure\uA4F8com");
    await page.getByLabel("Last name").fill("\u3164");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#lastName-error").waitFor();
    expect(await page.locator(".error-summary li").allInnerTexts()).toEqual([
      "First name can contain letters, spaces, apostrophes, hyphens and periods only.",
      "Last name can contain letters, spaces, apostrophes, hyphens and periods only.",
      "Enter your email address.",
    ]);

    // Two addresses in one field are refused as the server would; accented names with a typographic
    // apostrophe pass, as they do on the server.
    await page.getByLabel("First name").fill("Hélène");
    await page.getByLabel("Last name").fill("D’Arcy-Ñúñez");
    await email.fill("dana@northwind.example; ap@northwind.example");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#email-error").getByText("Enter one email address").waitFor();
    expect(await page.locator(".error-summary li").count()).toBe(1);
    // The summary link moves focus to its field.
    await page.locator(".error-summary a").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
  });

  test("a rejection shows one calm message with the hints and support contact, and keeps the values", async () => {
    const { page } = tab;
    await page.goto("/register");
    await fillStepOne(page, {
      firstName: "Dana",
      lastName: "Whitfield",
      email: "dana.whitfield@northwind.example",
    });
    await fillStepTwo(page, { contractId: "LSE-100234", billingPostalCode: "94608" });
    await page.getByRole("button", { name: "Register", exact: true }).click();
    const notice = page.locator(".notice--warning");
    await notice.getByRole("heading", { name: "Check your details" }).waitFor();
    const text = await notice.innerText();
    expect(text).toContain("We could not confirm your details.");
    expect(text).toContain(CUSTOM_CONTRACT_HINT.en);
    expect(text).toContain("support@lessor.example");
    expect(text).not.toMatch(/postal code (does not|doesn't) match|wrong postal|incorrect postal/i);
    expect(await activeClass(page)).toContain("notice");
    await expectAccessible(page, "register rejected");
    await screenshot(page, "19-register-rejected");

    // The same message, byte for byte, when it is the email that is unknown.
    await page.getByRole("button", { name: /Change\s+email address/ }).click();
    const email = page.getByLabel("Email address");
    expect(await email.inputValue()).toBe("dana.whitfield@northwind.example");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
    await email.fill("nobody@northwind.example");
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.getByLabel("Contract number").inputValue()).toBe("LSE-100234");
    await page.getByLabel("Billing postal code").fill("94607");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await notice.getByRole("heading", { name: "Check your details" }).waitFor();
    expect(await notice.innerText()).toBe(text);
  });

  test("server field errors (InputInvalid) land on their fields, on the step that holds them", async () => {
    const { page } = tab;
    // The client mirrors the server's format rules, so an InputInvalid answer is staged here.
    await page.route("**/graphql", async (route) => {
      if (!route.request().postData()?.includes("SelfEnroll")) return route.continue();
      const answer = {
        __typename: "InputInvalid",
        fieldErrors: [
          { __typename: "FieldError", field: "contractId", code: "INVALID_CHARACTERS" },
        ],
      };
      await route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ data: { selfEnroll: answer } }),
      });
    });
    await page.goto("/register");
    await fillStepOne(page, {
      firstName: "Dana",
      lastName: "Whitfield",
      email: "dana.whitfield@northwind.example",
    });
    await fillStepTwo(page, { contractId: "LSE-100234", billingPostalCode: "94607" });
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await page.getByRole("heading", { name: "Your contract" }).waitFor();
    await page
      .locator("#contractId-error")
      .getByText("Contract number contains characters that cannot be used.")
      .waitFor();
    expect(await activeClass(page)).toBe("error-summary");
    expect(await page.getByLabel("Contract number").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Contract number").inputValue()).toBe("LSE-100234");
  });

  test("after too many refused attempts on a contract, the API's RateLimited answer says when to retry", async () => {
    const { page } = tab;
    await page.goto("/register");
    await fillStepOne(page, {
      firstName: "Sam",
      lastName: "Hale",
      email: "finance@thamesprint.example",
    });
    await fillStepTwo(page, { contractId: "LSE-300777", billingPostalCode: "RG1 9ZZ" });
    const register = page.getByRole("button", { name: "Register", exact: true });
    const submit = () =>
      Promise.all([
        page.waitForResponse(
          (r) =>
            r.url().endsWith("/graphql") && Boolean(r.request().postData()?.includes("SelfEnroll")),
        ),
        register.click(),
      ]);
    for (let i = 0; i < 3; i++) {
      await submit();
      await page.getByRole("heading", { name: "Check your details" }).waitFor();
    }
    await submit();
    await page
      .getByText(
        /Too many attempts\. For your security, please wait 1 hour before trying again \(after .+\)\./,
      )
      .waitFor();
    expect(await page.getByRole("heading", { name: "Check your details" }).count()).toBe(0);
    await expectAccessible(page, "register rate limited");
    await screenshot(page, "20-register-rate-limited", [1280]);
  });
});
