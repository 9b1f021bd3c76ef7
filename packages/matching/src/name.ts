/**
 * What a person's name needs: letters and combining marks of any script, and between them single
 * spaces, apostrophes, hyphens and periods ("Zoë-Anne", "O'Brien de la Cruz", "J. R.", "Nguyễn").
 * Nothing else reaches a verification email: no digits or symbols, no bidirectional controls
 * (U+202E turns "gpj.exe" into "exe.jpg"), no zero-width or other invisible format characters, no line
 * or paragraph separators, and nothing that reads as an address: a period directly followed by
 * letters ("evil.example") is what mail clients turn into a link.
 */
const NAME = /^[\p{L}\p{M}]+(?:[ '’ʼ.\-‐][\p{L}\p{M}]*)*$/u;
const DOMAIN_LIKE = /\.[\p{L}\p{M}]{2,}/u;

/**
 * Letters that draw nothing or look like something else, which the shape above lets through because
 * Unicode calls them letters. The profile follows PRECIS (RFC 8264 §9, as the Nickname profile of
 * RFC 8266 applies it) and UTS #39 (the General Security Profile and its "Moderately Restrictive"
 * level), with the Unicode data the JavaScript engine carries (property escapes), not a hand list:
 *
 * - Default_Ignorable_Code_Point: invisible, whatever their category (the Hangul fillers U+3164,
 *   U+115F, U+1160 and U+FFA0 are letters; variation selectors, the combining grapheme joiner,
 *   tag characters, the soft hyphen and the zero-width characters too). PRECIS disallows them.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * - Compatibility characters (PRECIS HasCompat; UTS #39 wants identifiers NFKC-stable): fullwidth
 *   "ｐｏｒｔａｌ" and "．", ligatures, superscripts, halfwidth forms. A name NFKC would change is
 *   refused, so what is stored is what is shown.
 */
function hasCompatibilityCharacters(value: string): boolean {
  return value.normalize("NFKC") !== value.normalize("NFC");
}

/**
 * - Uncased letters used in the Latin script or in none (Common), and marks of no script: phonetic
 *   and modifier letters and musical signs, many drawn as punctuation ("ǃ" U+01C3, "ː" U+02D0,
 *   "ꞏ" U+A78F, "𝅭" U+1D16D). The apostrophe letters of names (ʼ U+02BC, ʻ U+02BB as in
 *   "Kaʻiulani") stay; the accents of any script (Inherited) too.
 */
const PHONETIC_SIGN =
  /(?=[\p{Lm}\p{Lo}])(?![ʼʻ])[\p{scx=Latin}\p{scx=Common}]|(?=\p{M})\p{sc=Common}/u;

/**
 * - UTS #39 §5.4: more than four nonspacing marks in a row, or one mark twice in a row (in NFD),
 *   only stacks ink over a letter.
 */
const MARK_PILE = /[\p{Mn}\p{Me}]{5}|(\p{Mn})\1/u;

/**
 * - Scripts: every letter and mark belongs (by its Script_Extensions) to a script UTS #31 recommends
 *   for identifiers (Table 5), and the name as a whole is "Moderately Restrictive" (UTS #39 §5.2):
 *   one script, Latin with Han and the Japanese kana or Bopomofo or Hangul, or Latin and one other
 *   recommended script but Cyrillic or Greek. Lisu, whose tone letter "ꓸ" (U+A4F8) passes for a
 *   period and whose capitals for Latin ones, or Cherokee, are refused; so is "Pаypal" with a
 *   Cyrillic "а".
 */
const RECOMMENDED_SCRIPTS = [
  "Latn",
  "Arab",
  "Armn",
  "Beng",
  "Bopo",
  "Cyrl",
  "Deva",
  "Ethi",
  "Geor",
  "Grek",
  "Gujr",
  "Guru",
  "Hani",
  "Hang",
  "Hebr",
  "Hira",
  "Kana",
  "Khmr",
  "Knda",
  "Laoo",
  "Mlym",
  "Mymr",
  "Orya",
  "Sinh",
  "Taml",
  "Telu",
  "Thaa",
  "Thai",
  "Tibt",
] as const;
type Script = (typeof RECOMMENDED_SCRIPTS)[number];

/** The sets of scripts a Moderately Restrictive string may be covered by, Latin alone first. */
const ALLOWED_COVERS: readonly (readonly Script[])[] = [
  ...RECOMMENDED_SCRIPTS.map((script) => [script]),
  ...RECOMMENDED_SCRIPTS.filter((s) => !["Latn", "Cyrl", "Grek"].includes(s)).map((s) => [
    "Latn" as const,
    s,
  ]),
  ["Latn", "Hani", "Hira", "Kana"],
  ["Latn", "Hani", "Bopo"],
  ["Latn", "Hani", "Hang"],
];

/**
 * One pattern per cover: every character is used in one of its scripts (Script_Extensions), in every
 * script (Common, Inherited), or is one of the name's separators. A name passes when one matches.
 */
const COVERED = ALLOWED_COVERS.map(
  (scripts) =>
    new RegExp(
      `^[${scripts.map((s) => `\\p{scx=${s}}`).join("")}\\p{scx=Zyyy}\\p{scx=Zinh} '’ʼ.\\-‐]*$`,
      "u",
    ),
);

function isModeratelyRestrictive(value: string): boolean {
  return COVERED.some((covered) => covered.test(value));
}

/** Whether a trimmed value is a plausible person's name by the rules above. */
export function isPersonName(value: string): boolean {
  return (
    NAME.test(value) &&
    !DOMAIN_LIKE.test(value) &&
    !INVISIBLE.test(value) &&
    !PHONETIC_SIGN.test(value) &&
    !hasCompatibilityCharacters(value) &&
    !MARK_PILE.test(value.normalize("NFD")) &&
    isModeratelyRestrictive(value)
  );
}
