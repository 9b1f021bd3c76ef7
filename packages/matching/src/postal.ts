import { recognizeCountry } from "./country";
import type { CountryKind } from "./country";

// Only the significant prefix counts: a US ZIP+4 matches its 5-digit ZIP, a Canadian code has 6.
const SIGNIFICANT_LENGTH: Record<CountryKind, number | undefined> = {
  US: 5,
  CA: 6,
  OTHER: undefined,
};

export function normalizePostalCode(raw: string | null | undefined, country: CountryKind): string {
  if (raw == null) return "";
  // Strip before uppercasing: "ß".toUpperCase() is "SS", which must not become significant.
  const alphanumeric = raw.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  const length = SIGNIFICANT_LENGTH[country];
  return length === undefined ? alphanumeric : alphanumeric.slice(0, length);
}

export function postalCodesMatch(
  entered: string,
  stored: string | null | undefined,
  countryRaw: string | null | undefined,
): boolean {
  const country = recognizeCountry(countryRaw);
  const left = normalizePostalCode(entered, country);
  const right = normalizePostalCode(stored, country);
  return left !== "" && left === right;
}
