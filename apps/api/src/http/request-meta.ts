import { createHmac } from "node:crypto";
import { STORED_LENGTH } from "@portal/matching";
import { storableText } from "../db/storable-text";

/** A keyed hash of the client IP: the IP itself is never stored or used as a key. */
export function hashIp(ip: string | undefined | null, secret: string): string | null {
  if (!ip) return null;
  return createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
}

/**
 * The portal language a client asks for in Accept-Language (`fr-CA`, `fr;q=0.9`, `en-US,…`): French
 * when the first language it names is French, English when English, else unknown (null).
 */
export function portalLanguage(acceptLanguage: string | undefined): "en" | "fr-CA" | null {
  const first = acceptLanguage?.split(",")[0]?.split(";")[0]?.trim().toLowerCase();
  if (!first) return null;
  if (first === "fr" || first.startsWith("fr-")) return "fr-CA";
  if (first === "en" || first.startsWith("en-")) return "en";
  return null;
}

export function boundedUserAgent(userAgent: string | undefined): string | null {
  return userAgent ? storableText(userAgent, STORED_LENGTH.userAgent) : null;
}
