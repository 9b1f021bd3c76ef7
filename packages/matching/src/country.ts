export type CountryKind = "US" | "CA" | "OTHER";

// Servicing data stores the country as an ISO code, an alpha-3 code or a name, in any case.
const SPELLINGS: ReadonlyMap<string, CountryKind> = new Map<string, CountryKind>([
  ["us", "US"],
  ["usa", "US"],
  ["united states", "US"],
  ["united states of america", "US"],
  ["ca", "CA"],
  ["can", "CA"],
  ["canada", "CA"],
]);

export function recognizeCountry(raw: string | null | undefined): CountryKind {
  if (raw == null) return "OTHER";
  const key = raw.replace(/\./g, "").trim().replace(/\s+/g, " ").toLowerCase();
  return SPELLINGS.get(key) ?? "OTHER";
}
