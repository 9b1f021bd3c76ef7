import { writeCopyFile, servicingFixture, selfEnroll, useTestApp } from "@portal/test-support";

const app = useTestApp(servicingFixture, {
  PORTAL_COPY_FILE: writeCopyFile({
    portalName: { en: "Acme Portal", "fr-CA": "Portail Acme" },
    rejectionMessage: "Those details do not match. Call Acme support.",
  }),
});

const COPY = `query($language: Language!) { portalCopy(language: $language) {
  language portalName supportEmail supportPhone rejectionMessage hints { email billingPostalCode contractId } } }`;

test("serves the operator's texts in English and Canadian French", async () => {
  const en = (await app.graphql<{ portalCopy: Record<string, any> }>(COPY, { language: "EN" })).body
    .data!.portalCopy;
  const fr = (await app.graphql<{ portalCopy: Record<string, any> }>(COPY, { language: "FR_CA" }))
    .body.data!.portalCopy;
  expect(en).toMatchObject({
    language: "EN",
    portalName: "Acme Portal",
    supportEmail: "support@lessor.example",
  });
  expect(fr).toMatchObject({ language: "FR_CA", portalName: "Portail Acme" });
  expect(en.hints.billingPostalCode).toMatch(/5-digit ZIP/);
  expect(fr.hints.billingPostalCode).toMatch(/A1A 1A1/);
  expect(fr.hints.email).not.toBe(en.hints.email);
});

test("a text given once, not per language, is used for every language", async () => {
  const fr = (await app.graphql<{ portalCopy: Record<string, any> }>(COPY, { language: "FR_CA" }))
    .body.data!.portalCopy;
  expect(fr.rejectionMessage).toBe("Those details do not match. Call Acme support.");
});

test("selfEnroll's rejection carries the operator's message", async () => {
  const result = await selfEnroll(app, {
    email: "stranger@nowhere.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  expect(result.message).toBe("Those details do not match. Call Acme support.");
});
