import { STORED_LENGTH, normalizeEmail } from "@portal/matching";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL text cannot hold NUL, and lone UTF-16 surrogates are not valid UTF-8. Untrusted text
 * that is stored (logs of attempts, audit events) or used in a lookup goes through this first.
 */
export function storableText(value: string, maxLength: number): string {
  return value.slice(0, maxLength).replaceAll("\u0000", "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}

/** A typed email as it is looked up, used as a throttle key and logged: normalised, bounded, storable. */
export function storableEmail(raw: string): string {
  return storableText(normalizeEmail(raw.slice(0, STORED_LENGTH.email)), STORED_LENGTH.email);
}
