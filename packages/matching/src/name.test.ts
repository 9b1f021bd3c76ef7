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
    "Hélène",
    "D'Arcy",
    "D’Arcy",
    "Ñúñez",
    "N\u0303u\u0301n\u0303ez",
    "María de los Ángeles",
    "Kaʻiulani",
    "山田 はなこ",
    "ジョージ",
    "김민준",
    "Ива\u0301н",
    "क्षत्रिय",
    "Σωκράτης",
    "שרה",
    "สมชาย",
    "Łukasz",
    "Dvořák",
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
    [
      "a sentence with Lisu tone letters for dots",
      "Security team. Your access expires today. Confirm at portal\uA4F8northwind-secure\uA4F8com",
    ],
    ["a Hangul filler alone (U+3164)", "\u3164"],
    ["a Hangul choseong filler (U+115F)", "Da\u115Fna"],
    ["a Hangul jungseong filler (U+1160)", "Da\u1160na"],
    ["a halfwidth Hangul filler (U+FFA0)", "Da\uFFA0na"],
    ["a variation selector", "Dana\uFE0F"],
    ["a supplementary variation selector", "Dana\u{E0100}"],
    ["a combining grapheme joiner", "Da\u034Fna"],
    ["a tag character", "Dana\u{E0041}"],
    ["a one dot leader (U+2024)", "portal\u2024com"],
    ["a fullwidth full stop (U+FF0E)", "portal\uFF0Ecom"],
    ["an ideographic full stop (U+3002)", "portal\u3002com"],
    ["a Latin sinological dot (U+A78F)", "portal\uA78Fcom"],
    ["a musical augmentation dot (U+1D16D)", "portal\u{1D16D}com"],
    ["a Latin click letter drawn as ! (U+01C3)", "Dana\u01C3"],
    ["fullwidth letters", "ｐｏｒｔａｌ"],
    ["a Cyrillic letter among Latin ones", "P\u0430ypal"],
    ["Latin and Cyrillic words together", "Иван Smith"],
    ["Lisu capitals that read as Latin", "ꓢꓰꓚꓴꓣꓲꓔꓬ"],
    ["Cherokee letters that read as Latin", "ᏚᎬᏟᏌᎡ"],
    ["one accent twice", "Jose\u0301\u0301"],
    ["five accents on a letter", "a\u0300\u0301\u0302\u0303\u0304"],
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

  /** Default_Ignorable_Code_Point as DerivedCoreProperties.txt (Unicode 16) lists it. */
  const DEFAULT_IGNORABLE: [number, number][] = [
    [0x00ad, 0x00ad],
    [0x034f, 0x034f],
    [0x061c, 0x061c],
    [0x115f, 0x1160],
    [0x17b4, 0x17b5],
    [0x180b, 0x180f],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0x3164, 0x3164],
    [0xfe00, 0xfe0f],
    [0xfeff, 0xfeff],
    [0xffa0, 0xffa0],
    [0xfff0, 0xfff8],
    [0x1bca0, 0x1bca3],
    [0x1d173, 0x1d17a],
    [0xe0000, 0xe0fff],
  ];
  const defaultIgnorable = fc
    .oneof(...DEFAULT_IGNORABLE.map(([min, max]) => fc.integer({ min, max })))
    .map((cp) => String.fromCodePoint(cp));

  /** Honest names: words of one script's letters or syllables (with their marks), joined as names are. */
  const ALPHABETS = [
    ["a", "é", "ñ", "ø", "ł", "ç", "Ä", "Ő", "ß", "e\u0301", "o\u0308", "ʻa"],
    ["а", "б", "ж", "ё", "я", "Щ", "і", "ї", "о\u0301"],
    ["α", "β", "ή", "ώ", "Ω", "ϊ"],
    ["ب", "م", "ح", "د", "ـ", "ي", "بِ"],
    ["क", "षि", "त्र", "री", "मं", "ना", "क़"],
    ["李", "小", "龍", "山", "田"],
    ["김", "민", "준", "한", "글"],
    ["あ", "は", "な", "カ", "タ", "ー", "山"],
  ];
  const honestName = fc.constantFrom(...ALPHABETS).chain((letters) => {
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 });
    return fc
      .tuple(
        word,
        fc.array(fc.tuple(fc.constantFrom(" ", "-", "'", "’", ". "), word), { maxLength: 3 }),
      )
      .map(([first, rest]) =>
        [first.join(""), ...rest.map(([sep, w]) => sep + w.join(""))].join(""),
      );
  });

  it("accepts names of one script's letters joined by spaces, hyphens, apostrophes or periods", () => {
    fc.assert(fc.property(honestName, (name) => expect(isPersonName(name)).toBe(true)));
  });

  it("never accepts a default-ignorable code point, wherever it is in an honest name", () => {
    fc.assert(
      fc.property(honestName, defaultIgnorable, fc.nat(), (name, bad, at) => {
        const chars = Array.from(name);
        const position = at % (chars.length + 1);
        const spoiled = [...chars.slice(0, position), bad, ...chars.slice(position)].join("");
        expect(isPersonName(spoiled)).toBe(false);
      }),
    );
  });

  it("never accepts a lookalike of a full stop between letters", () => {
    // confusables.txt's FULL STOP lookalikes, with the fullwidth, halfwidth and ideographic stops.
    const lookalikeDot = fc.constantFrom(
      "\u2024",
      "\uFE52",
      "\uFF0E",
      "\uFF61",
      "\u3002",
      "\uA4F8",
      "\uA60E",
      "\u0701",
      "\u0702",
      "\u0660",
      "\u06F0",
      "\u{10A50}",
      "\u{1D16D}",
      "\uA78F",
      "\u00B7",
      "\u2E31",
      "\u30FB",
      "\u0F0B",
      "\u16EB",
    );
    const latinWord = fc.stringMatching(/^[A-Za-zéè]{1,10}$/);
    fc.assert(
      fc.property(latinWord, lookalikeDot, latinWord, (before, dot, after) => {
        expect(isPersonName(`${before}${dot}${after}`)).toBe(false);
        expect(isPersonName(`${before}${dot} ${after}`)).toBe(false);
      }),
    );
  });
});
