import { en } from "./en";
import { frCA } from "./fr-CA";
import { addDictionary, translate } from "./index";
import { pickLanguage } from "./language";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// Texts that are spelled the same in both languages.
const SAME_IN_BOTH = new Set(["app.titleSuffix", "duration.minutes_one", "duration.minutes_other"]);

beforeAll(() => addDictionary("fr-CA", frCA));

test("every English text has a French one with the same placeholders, and none is left empty or in English", () => {
  const french = new Map(leaves(frCA));
  for (const [key, text] of leaves(en)) {
    const translated = french.get(key);
    expect({ key, present: translated !== undefined }).toEqual({ key, present: true });
    expect({ key, placeholders: placeholders(translated!) }).toEqual({
      key,
      placeholders: placeholders(text),
    });
    if (text.length > 12 && !SAME_IN_BOTH.has(key))
      expect({ key, same: translated === text }).toEqual({ key, same: false });
  }
  expect(french.size).toBe(leaves(en).length);
});

test("plurals follow each language's rules and values are filled in", () => {
  expect(translate("en", "contracts.count", { count: 1 })).toBe("1 contract");
  expect(translate("en", "contracts.count", { count: 2 })).toBe("2 contracts");
  expect(translate("fr-CA", "contracts.count", { count: 0 })).toBe("0 contrat");
  expect(translate("fr-CA", "duration.minutes", { count: 3 })).toBe("3 minutes");
  expect(translate("en", "errors.summaryHeading", { count: 1 })).toBe("There is a problem");
  expect(translate("en", "errors.summaryHeading", { count: 3 })).toBe("There are 3 problems");
  expect(translate("fr-CA", "contracts.welcome", { firstName: "Amélie" })).toBe(
    "Bienvenue, Amélie.",
  );
});

test("the browser's languages pick French for any French region, English otherwise", () => {
  expect(pickLanguage(["fr-CA", "en-US"])).toBe("fr-CA");
  expect(pickLanguage(["fr-FR"])).toBe("fr-CA");
  expect(pickLanguage(["fr"])).toBe("fr-CA");
  expect(pickLanguage(["en-CA", "fr-CA"])).toBe("en");
  expect(pickLanguage(["de-DE", "fr-CA"])).toBe("fr-CA");
  expect(pickLanguage(["de-DE"])).toBe("en");
  expect(pickLanguage([])).toBe("en");
});
