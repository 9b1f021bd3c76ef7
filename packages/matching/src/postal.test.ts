import fc from "fast-check";
import { type CountryKind, recognizeCountry } from "./country";
import { comparePostalCodes, normalizePostalCode, postalCodesMatch } from "./postal";

describe("normalizePostalCode", () => {
  it("keeps the 5-digit ZIP of a US ZIP+4", () => {
    expect(normalizePostalCode(" 12345-6789 ", "US")).toBe("12345");
  });

  it("keeps the 6 characters of a Canadian code, uppercased and without the space", () => {
    expect(normalizePostalCode("k1a 0b1", "CA")).toBe("K1A0B1");
    expect(normalizePostalCode("K1A-0B1 extra", "CA")).toBe("K1A0B1");
  });

  it("keeps the whole value elsewhere", () => {
    expect(normalizePostalCode("sw1a 1aa", "OTHER")).toBe("SW1A1AA");
    expect(normalizePostalCode("12345-6789", "OTHER")).toBe("123456789");
  });

  it.each([null, undefined, "", " - / . "])("turns %p into an empty code", (raw) => {
    expect(normalizePostalCode(raw, "US")).toBe("");
  });

  it("drops non-ASCII characters even when they uppercase to ASCII", () => {
    expect(normalizePostalCode("ß1ſ2", "OTHER")).toBe("12");
  });

  it("drops non-ASCII digits", () => {
    expect(normalizePostalCode("１２３４５", "US")).toBe("");
  });
});

describe("postalCodesMatch", () => {
  it("matches a ZIP+4 entered against a stored 5-digit ZIP", () => {
    expect(postalCodesMatch("12345-6789", "12345", "US")).toBe(true);
  });

  it("matches a 5-digit ZIP entered against a stored ZIP+4", () => {
    expect(postalCodesMatch("12345", "12345 6789", "USA")).toBe(true);
  });

  it("matches two ZIP+4 codes that differ only after the 5th digit", () => {
    expect(postalCodesMatch("12345-0000", "12345-6789", "US")).toBe(true);
  });

  it("rejects a ZIP that matches only after the 5th digit", () => {
    expect(postalCodesMatch("99999-6789", "12345-6789", "US")).toBe(false);
  });

  it("rejects a US ZIP missing a digit", () => {
    expect(postalCodesMatch("1234", "12345", "US")).toBe(false);
    expect(postalCodesMatch("12345", "1234", "US")).toBe(false);
  });

  it.each(["us", "Usa", "U.S.", "u.s.a.", "united states", "United States of America"])(
    "applies the US rule for the country %p",
    (country) => {
      expect(postalCodesMatch("12345-6789", "12345", country)).toBe(true);
    },
  );

  it("matches a Canadian code with or without the space, in any case", () => {
    expect(postalCodesMatch("k1a 0b1", "K1A0B1", "CA")).toBe(true);
    expect(postalCodesMatch("K1A0B1", "k1a 0b1", "canada")).toBe(true);
    expect(postalCodesMatch("K1A-0B1", "K1A 0B1", "CAN")).toBe(true);
  });

  it("rejects a Canadian code differing in its last character or cut short", () => {
    expect(postalCodesMatch("K1A 0B2", "K1A 0B1", "CA")).toBe(false);
    expect(postalCodesMatch("K1A", "K1A 0B1", "CA")).toBe(false);
  });

  it("compares only the first 6 characters for Canada", () => {
    expect(postalCodesMatch("K1A 0B1 X", "K1A 0B1", "Canada")).toBe(true);
  });

  it("compares the whole value for other countries, ignoring spacing and case", () => {
    expect(postalCodesMatch("SW1A 1AA", "sw1a1aa", "GB")).toBe(true);
    expect(postalCodesMatch("SW1A", "SW1A 1AA", "United Kingdom")).toBe(false);
  });

  it("does not apply the ZIP prefix rule outside the US", () => {
    expect(postalCodesMatch("12345-6789", "12345", "DE")).toBe(false);
  });

  it("treats a missing country as another country", () => {
    expect(postalCodesMatch("12345-6789", "12345", null)).toBe(false);
    expect(postalCodesMatch("12345-6789", "12345 6789", undefined)).toBe(true);
  });

  it.each([null, undefined, "", "  -  "])("never matches a stored code of %p", (stored) => {
    expect(postalCodesMatch("", stored, "US")).toBe(false);
    expect(postalCodesMatch("-", stored, "US")).toBe(false);
    expect(postalCodesMatch("12345", stored, "US")).toBe(false);
  });

  it("never matches an entered code without letters or digits", () => {
    expect(postalCodesMatch(" -- ", "12345", "US")).toBe(false);
  });
});

describe("comparePostalCodes", () => {
  it("names the US rule and shows both sides as compared", () => {
    expect(comparePostalCodes("02135", "02134-1234", "usa")).toEqual({
      country: "US",
      rule: "US_FIRST_5",
      enteredCompared: "02135",
      storedCompared: "02134",
      matches: false,
    });
  });

  it("names the Canadian rule", () => {
    expect(comparePostalCodes("k1a 0b1", "K1A0B1", "Canada")).toMatchObject({
      country: "CA",
      rule: "CA_FIRST_6",
      storedCompared: "K1A0B1",
      matches: true,
    });
  });

  it("compares the whole value when the country is neither US nor Canada, or missing", () => {
    expect(comparePostalCodes("SW1A 1AA", "sw1a1aa", "United Kingdom")).toMatchObject({
      country: "OTHER",
      rule: "WHOLE",
      enteredCompared: "SW1A1AA",
      matches: true,
    });
    expect(comparePostalCodes("12345", null, null)).toMatchObject({
      rule: "WHOLE",
      storedCompared: "",
      matches: false,
    });
  });
});

const ALPHANUMERICS = [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];
const alphanumeric = fc.constantFrom(...ALPHANUMERICS);
const countryKind = fc.constantFrom<CountryKind>("US", "CA", "OTHER");
const storedCountry = fc.oneof(
  fc.constantFrom(
    "US",
    "usa",
    "U.S.A.",
    "united states",
    "CA",
    "can",
    "Canada",
    "GB",
    "de",
    "",
    null,
  ),
  fc.string(),
);
const usCountry = fc.constantFrom(
  "US",
  "us",
  "USA",
  "U.S.",
  "United States",
  "united states of america",
);

/** Spaces, dashes and dots inserted anywhere, and ASCII letters switched to random case. */
const formattingNoise = fc.record({
  inserts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(" ", "-", ".", "  ", "/"))),
  upper: fc.array(fc.boolean(), { minLength: 1 }),
});
type Noise = typeof formattingNoise extends fc.Arbitrary<infer T> ? T : never;

function addNoise(value: string, { inserts, upper }: Noise): string {
  const chars = [...value].map((char, i) => {
    if (!/^[A-Za-z]$/.test(char)) return char;
    return upper[i % upper.length] ? char.toUpperCase() : char.toLowerCase();
  });
  for (const [position, filler] of inserts) chars.splice(position % (chars.length + 1), 0, filler);
  return chars.join("");
}

describe("postal code properties", () => {
  it("normalization is idempotent and yields only uppercase ASCII letters and digits", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), countryKind, (raw, country) => {
        const once = normalizePostalCode(raw, country);
        expect(normalizePostalCode(once, country)).toBe(once);
        expect(once).toMatch(/^[0-9A-Z]*$/);
      }),
    );
  });

  it("formatting noise on either side does not change the result", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        storedCountry,
        formattingNoise,
        formattingNoise,
        (entered, stored, country, enteredNoise, storedNoise) => {
          const expected = postalCodesMatch(entered, stored, country);
          expect(postalCodesMatch(addNoise(entered, enteredNoise), stored, country)).toBe(expected);
          expect(postalCodesMatch(entered, addNoise(stored, storedNoise), country)).toBe(expected);
        },
      ),
    );
  });

  it("two noisy spellings of the same code match in every country", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: alphanumeric, minLength: 1 }),
        storedCountry,
        formattingNoise,
        formattingNoise,
        (code, country, a, b) => {
          expect(postalCodesMatch(addNoise(code, a), addNoise(code, b), country)).toBe(true);
        },
      ),
    );
  });

  it("a US code matches any string with the same first 5 letters and digits", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: alphanumeric, minLength: 5, maxLength: 5 }),
        fc.string(),
        fc.string(),
        usCountry,
        formattingNoise,
        (zip, enteredTail, storedTail, country, noise) => {
          const entered = addNoise(zip, noise) + enteredTail;
          expect(postalCodesMatch(entered, zip + storedTail, country)).toBe(true);
        },
      ),
    );
  });

  it("a US code differing in one of its first 5 letters or digits never matches", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: alphanumeric, minLength: 5, maxLength: 5 }),
        fc.nat({ max: 4 }),
        alphanumeric,
        fc.string(),
        usCountry,
        (zip, position, replacement, tail, country) => {
          fc.pre(zip[position]!.toUpperCase() !== replacement.toUpperCase());
          const other = zip.slice(0, position) + replacement + zip.slice(position + 1);
          expect(postalCodesMatch(other + tail, zip + tail, country)).toBe(false);
        },
      ),
    );
  });

  it("compares exactly the normalised codes under the recognised country", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.string()),
        storedCountry,
        (entered, stored, country) => {
          const comparison = comparePostalCodes(entered, stored, country);
          const kind = recognizeCountry(country);
          expect(comparison.country).toBe(kind);
          expect(comparison.enteredCompared).toBe(normalizePostalCode(entered, kind));
          expect(comparison.storedCompared).toBe(normalizePostalCode(stored, kind));
          expect(comparison.matches).toBe(postalCodesMatch(entered, stored, country));
        },
      ),
    );
  });
});
