import { recognizeCountry } from "./country";
import type { CountryKind } from "./country";

/** How much of a postal code counts, by country (named for the support desk's explanation). */
export type PostalRule = "US_FIRST_5" | "CA_FIRST_6" | "WHOLE";

// Only the significant prefix counts: a US ZIP+4 matches its 5-digit ZIP, a Canadian code has 6.
const SIGNIFICANT: Record<CountryKind, { rule: PostalRule; length: number | undefined }> = {
  US: { rule: "US_FIRST_5", length: 5 },
  CA: { rule: "CA_FIRST_6", length: 6 },
  OTHER: { rule: "WHOLE", length: undefined },
};

export function normalizePostalCode(raw: string | null | undefined, country: CountryKind): string {
  if (raw == null) return "";
  // Strip before uppercasing: "ß".toUpperCase() is "SS", which must not become significant.
  const alphanumeric = raw.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  const { length } = SIGNIFICANT[country];
  return length === undefined ? alphanumeric : alphanumeric.slice(0, length);
}

/** Both sides of a postal code comparison as compared, and why: what support staff are shown. */
export interface PostalComparison {
  country: CountryKind;
  rule: PostalRule;
  enteredCompared: string;
  storedCompared: string;
  matches: boolean;
}

export function comparePostalCodes(
  entered: string,
  stored: string | null | undefined,
  countryRaw: string | null | undefined,
): PostalComparison {
  const country = recognizeCountry(countryRaw);
  const enteredCompared = normalizePostalCode(entered, country);
  const storedCompared = normalizePostalCode(stored, country);
  return {
    country,
    rule: SIGNIFICANT[country].rule,
    enteredCompared,
    storedCompared,
    matches: enteredCompared !== "" && enteredCompared === storedCompared,
  };
}

export function postalCodesMatch(
  entered: string,
  stored: string | null | undefined,
  countryRaw: string | null | undefined,
): boolean {
  return comparePostalCodes(entered, stored, countryRaw).matches;
}
