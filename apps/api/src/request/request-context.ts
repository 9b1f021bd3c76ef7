import type { Logger } from "../logging/logger";

/** What the audit trail and the throttles know of a request: a keyed hash of the IP (never the IP), the user agent, the id. */
export interface RequestMeta {
  requestId: string | null;
  ipHash: string | null;
  userAgent: string | null;
}

/** The session cookie, as services see it: the HTTP layer decides its name and attributes. */
export interface SessionCookie {
  read(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/**
 * The device cookie (a browser that signed in before), as sign-in services see it: the HTTP layer
 * names, scopes and signs it (`http/device-cookie.ts`).
 */
export interface DeviceCookie {
  /** The id of the client's device token when it was issued for this account and is unexpired; else null. */
  trustedFor(email: string): string | null;
  /** Gives the client a new device token for this account (after it signed in). */
  issue(email: string): void;
}

/**
 * What a service knows of the request it serves, with no transport in it: the request's metadata,
 * its logger, and the session cookie through a port (the HTTP layer owns cookies).
 */
export interface RequestContext {
  meta: RequestMeta;
  log: Logger;
  cookies: SessionCookie;
  /** Absent where there is no browser (CLIs, tests of a service): the client is then unknown. */
  device?: DeviceCookie;
  /**
   * The language the client reads the portal in (its Accept-Language: the web app sends the page's),
   * when it is one the portal speaks: security notices are mailed in it.
   */
  language?: "en" | "fr-CA" | null;
}

/** The key a client is throttled by: its hashed IP, or one shared key when the IP is unknown. */
export function clientKey(meta: RequestMeta): string {
  return meta.ipHash ?? "unknown";
}
