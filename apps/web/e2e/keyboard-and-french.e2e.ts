import {
  CUSTOM_CONTRACT_HINT,
  describeInBrowser,
  expectAccessible,
  focused,
  openPage,
  screenshot,
  startPortal,
  tabTo,
  type Portal,
} from "./support";

jest.setTimeout(180_000);

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

describeInBrowser("keyboard only", () => {
  test("from the sign-in page through every wizard step to 'check your email', with focus always visible", async () => {
    const { page, context, problems } = await openPage(portal);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Register Here" }).waitFor();

    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "a", className: "skip-link", outline: true });

    await tabTo(page, (el) => el.textContent === "Register Here");
    expect((await focused(page))!.outline).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/register");
    // Focus starts at the new page's heading (set once the page has rendered).
    await page.waitForFunction(() => document.activeElement?.tagName === "H1", undefined, {
      timeout: 5000,
    });

    await tabTo(page, (el) => el.id === "firstName");
    expect((await focused(page))!.outline).toBe(true);
    await page.keyboard.type("Amélie");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Tremblay");
    await page.keyboard.press("Tab");
    expect((await focused(page))!.id).toBe("email");
    await page.keyboard.type("amelie@mapleleafdental");
    await page.keyboard.press("Enter");
    // The error summary takes focus; its link leads back to the field.
    expect(await focused(page)).toMatchObject({ className: "error-summary" });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({
      tag: "a",
      text: "Enter one email address in the form name@example.com.",
      outline: true,
    });
    await page.keyboard.press("Enter");
    expect((await focused(page))!.id).toBe("email");
    await page.keyboard.type(".example");
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Your contract" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "step-heading", undefined, {
      timeout: 5000,
    });
    await tabTo(page, (el) => el.id === "contractId");
    await page.keyboard.type("LSE-200410");
    await page.keyboard.press("Tab");
    expect((await focused(page))!.id).toBe("billingPostalCode");
    await page.keyboard.type("m5h2n2");
    await tabTo(page, (el) => el.textContent === "Continue");
    expect((await focused(page))!.outline).toBe(true);
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Review and register" }).waitFor();
    await tabTo(page, (el) => el.textContent === "Register");
    expect((await focused(page))!.outline).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/check-email");
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("amelie@mapleleafdental.example");
    expect(problems).toEqual([]);
    await context.close();
  });
});

describeInBrowser("Canadian French (fr-CA)", () => {
  test("the browser's language picks French: texts, operator hints, errors, rejection; the switch goes back to English", async () => {
    const { page, context, problems } = await openPage(portal, { locale: "fr-CA" });
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Inscrivez-vous ici" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("fr-CA");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(
      "Connexion au Portail client",
    );
    await expectAccessible(page, "fr-CA sign-in");
    await screenshot(page, "fr-01-sign-in");

    await page.getByRole("link", { name: "Inscrivez-vous ici" }).click();
    await page.getByRole("heading", { name: "Vos renseignements" }).waitFor();
    expect(await page.locator("#email-hint").textContent()).toContain(
      "Utilisez une adresse courriel que nous avons à votre dossier",
    );
    await page.getByRole("button", { name: "Continuer" }).click();
    expect(await page.locator(".error-summary li").allInnerTexts()).toEqual([
      "Entrez votre prénom.",
      "Entrez votre nom de famille.",
      "Entrez votre adresse courriel.",
    ]);
    expect(await page.locator(".error-summary h2").innerText()).toBe("Il y a 3 problèmes");
    await expectAccessible(page, "fr-CA register errors");
    await screenshot(page, "fr-02-register-errors");

    await page.getByLabel("Prénom").fill("Amélie");
    await page.getByLabel("Nom de famille").fill("Tremblay");
    await page.getByLabel("Adresse courriel").fill("amelie@mapleleafdental.example");
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.getByRole("heading", { name: "Votre contrat" }).waitFor();
    expect(await page.locator("#contractId-hint").textContent()).toBe(
      CUSTOM_CONTRACT_HINT["fr-CA"],
    );
    await page.getByLabel("Numéro de contrat").fill("LSE-200410");
    await page.getByLabel("Code postal de facturation").fill("M5H 9Z9");
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.getByRole("button", { name: "M'inscrire" }).click();
    const notice = page.locator(".notice--warning");
    await notice.getByRole("heading", { name: "Vérifiez vos renseignements" }).waitFor();
    expect(await notice.innerText()).toContain("Nous n'avons pas pu confirmer vos renseignements.");
    await expectAccessible(page, "fr-CA register rejected");
    await screenshot(page, "fr-03-register-rejected");

    // Switching language keeps the values and translates everything on the page.
    await page.getByRole("button", { name: "English", exact: true }).click();
    await page.getByRole("heading", { name: "Review and register" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("dl.review").innerText()).toContain("M5H 9Z9");
    await page.getByRole("button", { name: "Français", exact: true }).click();
    await page.getByRole("button", { name: "Modifier code postal de facturation" }).click();
    await page.getByLabel("Code postal de facturation").fill("m5h2n2");
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.getByRole("button", { name: "M'inscrire" }).click();
    await page.waitForURL("**/check-email");
    await page.getByRole("heading", { level: 1, name: "Consultez vos courriels" }).waitFor();
    await expectAccessible(page, "fr-CA check email");
    await screenshot(page, "fr-04-check-email");

    await page.goto("/verify?token=not-a-real-token");
    await page.getByLabel("Mot de passe", { exact: true }).fill("violet anchor tundra 42 kettle");
    expect(await page.locator("#password-counter").textContent()).toBe(
      "30 caractères : longueur suffisante",
    );
    await page.getByRole("button", { name: "Créer le mot de passe et me connecter" }).click();
    await page.getByText("Ce lien n'est pas valide.").waitFor();
    await expectAccessible(page, "fr-CA verify invalid link");
    await screenshot(page, "fr-05-verify-invalid-link");
    expect(problems).toEqual([]);
    await context.close();
  });
});
