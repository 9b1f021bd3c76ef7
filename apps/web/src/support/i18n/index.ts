import { PASSWORD_LENGTH } from "@portal/matching";
import { en, type StaffMessages } from "./en";

/*
 * The staff pages' texts: English only (docs/web.md, "Support console pages"), typed keys as in the
 * customer pages' layer (src/i18n), without its language switch. Plurals use Intl.PluralRules
 * (`key_one`, `key_other`); `{{name}}` is replaced by values.
 */

type PluralBase<K extends string> = K extends `${infer B}_${"one" | "other"}` ? B : K;
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${PluralBase<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type StaffMessageKey = Leaves<StaffMessages>;
export type Values = Record<string, string | number>;

type Dictionary = { [key: string]: string | Dictionary };

function lookup(path: string): string | undefined {
  let node: string | Dictionary | undefined = en;
  for (const part of path.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

const plurals = new Intl.PluralRules("en");
/** The policy's numbers come from packages/matching, never from the dictionary. */
const SHARED: Values = { passwordMin: PASSWORD_LENGTH.min, passwordMax: PASSWORD_LENGTH.max };

export function t(key: StaffMessageKey, values?: Values): string {
  const text =
    (typeof values?.count === "number"
      ? (lookup(`${key}_${plurals.select(values.count)}`) ?? lookup(`${key}_other`))
      : undefined) ??
    lookup(key) ??
    key;
  const all = { ...SHARED, ...values };
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in all ? String(all[name]) : whole,
  );
}

/** Whether the dictionary has this key (codes from the server that the pages may not know yet). */
export function hasText(key: string): key is StaffMessageKey {
  return lookup(key) !== undefined;
}
