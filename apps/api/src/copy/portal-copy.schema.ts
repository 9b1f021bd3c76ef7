import { z } from "zod";

export const LANGUAGES = ["en", "fr-CA"] as const;
export type LanguageTag = (typeof LANGUAGES)[number];

/** A text for every language: one string for all, or per language with English required. */
const localized = (max: number) =>
  z.union([
    z.string().trim().min(1).max(max),
    z.strictObject({
      en: z.string().trim().min(1).max(max),
      "fr-CA": z.string().trim().min(1).max(max).optional(),
    }),
  ]);

export const portalCopySchema = z.strictObject({
  portalName: localized(100),
  support: z.strictObject({
    email: z.email(),
    phone: z.string().trim().min(1).max(40).optional(),
    hours: localized(200).optional(),
  }),
  rejectionMessage: localized(1000),
  hints: z.strictObject({
    firstName: localized(500),
    lastName: localized(500),
    email: localized(500),
    billingPostalCode: localized(500),
    contractId: localized(500),
  }),
});

export type PortalCopyFile = z.infer<typeof portalCopySchema>;
export type Localized = string | { en: string; "fr-CA"?: string };

/** The text in a language; operator copy given only in English is shown in English. */
export function inLanguage(text: Localized, language: LanguageTag): string {
  if (typeof text === "string") return text;
  return (language === "fr-CA" ? text["fr-CA"] : undefined) ?? text.en;
}
