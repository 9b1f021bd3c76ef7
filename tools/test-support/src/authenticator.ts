import { createHmac } from "node:crypto";

/**
 * RFC 6238 written out, as an authenticator app computes it from a base32 key (SHA-1, 6 digits,
 * 30 s): the tests' second factor, independent of the library the API uses.
 */
export function authenticatorCode(secret: string, atMs = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, ""))
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The base32 key of an `otpauth://totp/…?secret=…` URI. */
export function secretOf(totpUri: string): string {
  return new URL(totpUri).searchParams.get("secret")!;
}
