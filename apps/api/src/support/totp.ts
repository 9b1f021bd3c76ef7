import { Secret, TOTP as Totp } from "otpauth";

/**
 * RFC 6238 TOTP as every authenticator app reads it: 6 digits, 30-second steps, HMAC-SHA-1
 * (otpauth's defaults, stated here so a change of library defaults cannot change them silently).
 */
export const TOTP = { digits: 6, period: 30, algorithm: "SHA1" } as const;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app scans (shown as a QR code and as text). */
export function totpUri(issuer: string, account: string, secret: string): string {
  return new Totp({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    ...TOTP,
  }).toString();
}

/**
 * Checks a code against the current step and one step either side (clock drift). A code is accepted
 * once: a step at or before `lastStep` (the last accepted) is refused, so a code seen over a
 * shoulder or replayed from a log is worthless. The caller stores the returned step atomically.
 */
export function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): { ok: true; step: number } | { ok: false } {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const delta = Totp.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    ...TOTP,
    timestamp: now,
    window: 1,
  });
  if (delta === null) return { ok: false };
  const step = Totp.counter({ period: TOTP.period, timestamp: now }) + delta;
  return lastStep !== null && step <= lastStep ? { ok: false } : { ok: true, step };
}
