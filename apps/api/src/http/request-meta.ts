import { createHmac } from "node:crypto";
import { storableText } from "../db/storable-text";

/** What the audit trail keeps about a request: a keyed hash of the IP (never the IP), the user agent, the id. */
export interface RequestMeta {
  requestId: string | null;
  ipHash: string | null;
  userAgent: string | null;
}

export function hashIp(ip: string | undefined | null, secret: string): string | null {
  if (!ip) return null;
  return createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
}

export function boundedUserAgent(userAgent: string | undefined): string | null {
  return userAgent ? storableText(userAgent, 300) : null;
}
