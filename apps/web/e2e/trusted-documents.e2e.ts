import { SmtpCapture, tokenFrom } from "@portal/test-support";
import {
  STRONG_PASSWORD,
  describeInBrowser,
  expectOnlyHashes,
  openPage,
  startPortal,
  type Portal,
  type TestPage,
} from "./support";

jest.setTimeout(180_000);

/**
 * The built web app against the API started in production mode, where only the web app's operations
 * run (trusted documents: ALLOW_ARBITRARY_OPERATIONS unset, the build's manifest loaded from
 * WEB_DIST_DIR) and mail goes out by SMTP.
 */
let smtp: SmtpCapture;
let portal: Portal;
beforeAll(async () => {
  smtp = await new SmtpCapture().start();
  portal = await startPortal({
    NODE_ENV: "production",
    // Unset: production's default, trusted documents only.
    ALLOW_ARBITRARY_OPERATIONS: "",
    SMTP_URL: smtp.url,
    IP_HASH_SECRET: "a-long-random-production-secret",
  });
});
afterAll(async () => {
  await portal?.close();
  await smtp?.stop();
});

describeInBrowser("the portal on a production API (trusted documents only)", () => {
  let tab: TestPage;
  beforeAll(async () => {
    tab = await openPage(portal);
  });
  afterAll(async () => {
    await tab.context.close();
  });

  test("register → link by email → set password → my contracts → sign out → sign in, with only hashes on the wire", async () => {
    const { page } = tab;
    const email = "dana.whitfield@northwind.example";
    await page.goto("/register");
    await page.getByLabel("First name").fill("Dana");
    await page.getByLabel("Last name").fill("Whitfield");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Contract number").fill("LSE-100234");
    await page.getByLabel("Billing postal code").fill("94607");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await page.waitForURL("**/check-email");

    const mail = await smtp.waitFor(email);
    await page.goto(`/verify?token=${tokenFrom(mail, "verify")}`);
    await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await page.waitForURL("**/contracts");
    await page.getByText("Your account is ready.").waitFor();
    expect(await page.locator(".contract__id").count()).toBe(2);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signed-out");
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/contracts");
    await page.locator(".contract__id").first().waitFor();

    expect(tab.problems).toEqual([]);
    expectOnlyHashes(tab, [
      "PortalCopy",
      "SelfEnroll",
      "CompleteEnrollment",
      "MyContracts",
      "SignOut",
      "SignIn",
    ]);
  });

  test("a document sent from the page itself is refused", async () => {
    const { page } = tab;
    const answer = await page.evaluate(async () => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ me { email } }" }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: "TRUSTED_DOCUMENTS_ONLY" } }] },
    });
  });
});
