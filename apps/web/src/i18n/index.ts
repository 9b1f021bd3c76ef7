import { PASSWORD_LENGTH } from "@portal/matching";
import { useSyncExternalStore } from "react";
import { en, type Messages } from "./en";
import { initialLanguage, rememberLanguage, type AppLanguage } from "./language";

/*
 * A small typed translation layer: dictionaries are plain objects (fr-CA.ts must match en.ts key for
 * key), plurals use Intl.PluralRules (`key_one`, `key_other`), `{{name}}` is replaced by values.
 * i18next + react-i18next did the same for 16.7 kB gzip, more than a tenth of the enrollment
 * route's 150 kB budget (measured with scripts/check-bundle.mjs); this is under 1 kB.
 */

type PluralBase<K extends string> =
  K extends `${infer B}_${"zero" | "one" | "two" | "few" | "many" | "other"}` ? B : K;
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${PluralBase<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type Values = Record<string, string | number>;
export type TFunction = (key: MessageKey, values?: Values) => string;

type Dictionary = { [key: string]: string | Dictionary };

const dictionaries: Partial<Record<AppLanguage, Dictionary>> = { en };
let language: AppLanguage = "en";
const listeners = new Set<() => void>();

function lookup(dictionary: Dictionary | undefined, path: string): string | undefined {
  let node: string | Dictionary | undefined = dictionary;
  for (const part of path.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

function resolve(lang: AppLanguage, key: string, values?: Values): string | undefined {
  const dictionary = dictionaries[lang];
  if (typeof values?.count === "number") {
    const category = new Intl.PluralRules(lang).select(values.count);
    return (
      lookup(dictionary, `${key}_${category}`) ??
      lookup(dictionary, `${key}_other`) ??
      lookup(dictionary, key)
    );
  }
  return lookup(dictionary, key);
}

/** Values every text may use: the policy's numbers come from packages/matching, never from a dictionary. */
const SHARED: Values = { passwordMin: PASSWORD_LENGTH.min, passwordMax: PASSWORD_LENGTH.max };

export function translate(lang: AppLanguage, key: MessageKey, values?: Values): string {
  const text = resolve(lang, key, values) ?? resolve("en", key, values) ?? key;
  const all = { ...SHARED, ...values };
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in all ? String(all[name]) : whole,
  );
}

/** The page's language now (for requests: the API mails security notices in it). */
export function currentLanguage(): AppLanguage {
  return language;
}

function setLanguage(next: AppLanguage) {
  language = next;
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function addDictionary(lang: AppLanguage, dictionary: Dictionary) {
  dictionaries[lang] = dictionary;
}

async function ensureLoaded(lang: AppLanguage) {
  // English is in the first bundle; French is fetched the first time it is needed.
  if (lang === "fr-CA" && !dictionaries["fr-CA"])
    addDictionary("fr-CA", (await import("./fr-CA")).frCA);
}

/** Before the first render: the remembered choice, else the browser's languages. */
export async function startI18n() {
  const wanted = initialLanguage();
  try {
    await ensureLoaded(wanted);
    setLanguage(wanted);
  } catch {
    setLanguage("en");
  }
}

export async function switchLanguage(next: AppLanguage) {
  rememberLanguage(next);
  await ensureLoaded(next);
  setLanguage(next);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current language and its `t`; components re-render when the language changes. */
export function useTranslation(): { t: TFunction; i18n: { language: AppLanguage } } {
  const current = useSyncExternalStore(subscribe, () => language);
  return { t: (key, values) => translate(current, key, values), i18n: { language: current } };
}
