import { createHmac } from "node:crypto";
import { STORED_LENGTH } from "@portal/matching";
import { storableText } from "../db/storable-text";

/** A keyed hash of the client IP: the IP itself is never stored or used as a key. */
export function hashIp(ip: string | undefined | null, secret: string): string | null {
  if (!ip) return null;
  return createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
}

export function boundedUserAgent(userAgent: string | undefined): string | null {
  return userAgent ? storableText(userAgent, STORED_LENGTH.userAgent) : null;
}
