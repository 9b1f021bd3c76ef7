import { LIMITS } from "./policy";

const MAX_ADDRESS_LENGTH = LIMITS.email;
const MAX_LOCAL_PART_LENGTH = 64;

// WHATWG HTML "valid email address", tightened to require a dot in the domain.
const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const DOMAIN = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+$`);

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function splitEmailList(stored: string | null | undefined): string[] {
  if (stored == null) return [];
  const addresses = stored.split(/[,;]/).map(normalizeEmail);
  return [...new Set(addresses.filter((address) => address !== ""))];
}

export function emailListContains(stored: string | null | undefined, entered: string): boolean {
  const wanted = normalizeEmail(entered);
  return splitEmailList(stored).includes(wanted);
}

export function isSingleEmailAddress(raw: string): boolean {
  const address = raw.trim();
  // Length first: the patterns below never see more than LIMITS.email characters.
  if (address.length > MAX_ADDRESS_LENGTH) return false;
  const at = address.indexOf("@");
  if (at < 0 || at !== address.lastIndexOf("@")) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= MAX_LOCAL_PART_LENGTH && LOCAL_PART.test(local) && DOMAIN.test(domain);
}
