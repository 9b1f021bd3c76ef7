import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError } from "../config/config-error";
import { loadPortalCopy } from "./portal-copy.loader";
import { inLanguage } from "./portal-copy.schema";

const shippedFile = path.join(__dirname, "..", "..", "..", "..", "config", "portal-copy.json");
const shipped = JSON.parse(readFileSync(shippedFile, "utf8"));

function write(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "copy-")), "copy.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

test("the shipped copy file is valid and has both languages for every hint", () => {
  const copy = loadPortalCopy(shippedFile);
  for (const hint of Object.values(copy.hints)) {
    expect(inLanguage(hint, "fr-CA")).not.toBe(inLanguage(hint, "en"));
  }
});

test("a missing hint is refused, naming the field", () => {
  const { contractId: _gone, ...hints } = shipped.hints;
  expect(() => loadPortalCopy(write({ ...shipped, hints }))).toThrow(/hints\.contractId/);
});

test("an unknown key is refused (catches typos such as rejectionMesage)", () => {
  expect(() => loadPortalCopy(write({ ...shipped, rejectionMesage: "x" }))).toThrow(ConfigError);
});

test("a bad support email is refused", () => {
  expect(() => loadPortalCopy(write({ ...shipped, support: { email: "not-an-email" } }))).toThrow(
    /support\.email/,
  );
});

test("a file that is not JSON names the file", () => {
  const file = write("{ nope");
  expect(() => loadPortalCopy(file)).toThrow(`PORTAL_COPY_FILE: cannot read ${file}`);
});

test("French falls back to English when the operator gave English only", () => {
  expect(inLanguage({ en: "Hello" }, "fr-CA")).toBe("Hello");
  expect(inLanguage({ en: "Hello", "fr-CA": "Bonjour" }, "fr-CA")).toBe("Bonjour");
});
