import fc from "fast-check";
import { isPersonName } from "./name";

describe("isPersonName", () => {
  it.each([
    "Jane",
    "Zoë-Anne",
    "O'Brien de la Cruz",
    "D’Angelo",
    "Jean-Luc",
    "St. John",
    "J. R. R.",
    "Ma. Teresa",
    "李小龙",
    "Иван",
    "محمد",
    "Nguyễn",
    "देवनागरी",
    "Jose\u0301",
  ])("accepts %s", (name) => {
    expect(isPersonName(name)).toBe(true);
  });

  it.each([
    ["a right-to-left override", "Dana\u202Etxt.exe"],
    ["a left-to-right isolate", "Dana\u2066x"],
    ["a zero-width space", "Da\u200Bna"],
    ["a zero-width joiner", "Da\u200Dna"],
    ["a byte-order mark", "\uFEFFDana"],
    ["a line separator", "Dana\u2028Visit us"],
    ["a paragraph separator", "Dana\u2029Visit us"],
    ["a URL", "http://evil.example"],
    ["a bare domain", "evil.example"],
    ["a www name", "www.evil"],
    ["an email address", "dana@evil.example"],
    ["digits", "Dana 2"],
    ["markup", "<b>Dana</b>"],
    ["a leading hyphen", "-Dana"],
  ])("refuses %s", (_, name) => {
    expect(isPersonName(name)).toBe(false);
  });

  it("never accepts a format, separator or control character, wherever it is", () => {
    const invisible = fc.constantFrom(
      "\u200B",
      "\u200C",
      "\u200D",
      "\u2060",
      "\u202A",
      "\u202B",
      "\u202C",
      "\u202D",
      "\u202E",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
      "\uFEFF",
      "\u2028",
      "\u2029",
      "\u0000",
      "\u0085",
      "\u00AD",
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "é", " ", "-", "'") }),
        invisible,
        fc.nat(),
        (text, bad, at) => {
          const position = text.length === 0 ? 0 : at % text.length;
          expect(isPersonName(`A${text.slice(0, position)}${bad}${text.slice(position)}b`)).toBe(
            false,
          );
        },
      ),
    );
  });
});
