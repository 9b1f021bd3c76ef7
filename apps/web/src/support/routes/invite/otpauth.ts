/** What an authenticator app reads from the `otpauth://totp/…` URI, for showing it as text too. */
export interface AuthenticatorKey {
  /** The base32 key, as the app expects it typed. */
  secret: string;
  account: string;
  issuer: string | null;
  digits: number;
  period: number;
}

/** Reads the URI the API returns once (StaffInviteCompleted.totpUri); null when it is not one. */
export function readOtpauth(uri: string): AuthenticatorKey | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  const secret = url.searchParams.get("secret")?.replace(/=+$/, "").toUpperCase();
  if (url.protocol !== "otpauth:" || url.host !== "totp" || !secret || !/^[A-Z2-7]+$/.test(secret))
    return null;
  // The label is "Issuer:account" (or just the account), percent-encoded.
  const label = decodeURIComponent(url.pathname.replace(/^\//, ""));
  const colon = label.indexOf(":");
  const issuer = url.searchParams.get("issuer") ?? (colon >= 0 ? label.slice(0, colon) : null);
  return {
    secret,
    account: colon >= 0 ? label.slice(colon + 1).trim() : label,
    issuer,
    digits: Number(url.searchParams.get("digits") ?? 6),
    period: Number(url.searchParams.get("period") ?? 30),
  };
}

/** The key in groups of four, to read and type it without losing one's place. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? "";
}
