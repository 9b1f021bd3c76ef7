import { portalLanguage } from "./request-meta";

test("the first language a client names picks French or English; anything else is unknown", () => {
  expect(portalLanguage("fr-CA")).toBe("fr-CA");
  expect(portalLanguage("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr-CA");
  expect(portalLanguage("FR")).toBe("fr-CA");
  expect(portalLanguage("en-US,en;q=0.9")).toBe("en");
  expect(portalLanguage("en")).toBe("en");
  expect(portalLanguage("de-DE,fr;q=0.5")).toBeNull();
  expect(portalLanguage("*")).toBeNull();
  expect(portalLanguage("")).toBeNull();
  expect(portalLanguage(undefined)).toBeNull();
  expect(portalLanguage("frisian")).toBeNull();
});
