export const LANGUAGES = ["en", "fr-CA"] as const;
export type AppLanguage = (typeof LANGUAGES)[number];

const STORAGE_KEY = "portal.language";

/** French in any region reads the Canadian French texts; everything else English. */
export function pickLanguage(preferred: readonly string[]): AppLanguage {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === "fr" || lower.startsWith("fr-")) return "fr-CA";
    if (lower === "en" || lower.startsWith("en-")) return "en";
  }
  return "en";
}

/** A choice made with the language switch wins over the browser's languages. */
export function initialLanguage(): AppLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "fr-CA") return saved;
  } catch {
    // Storage can be blocked; the browser's languages still apply.
  }
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function rememberLanguage(language: AppLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered: the switch still works for this visit.
  }
}

/** The API's Language enum value for a UI language. */
export function apiLanguage(language: string): "EN" | "FR_CA" {
  return language === "fr-CA" ? "FR_CA" : "EN";
}
