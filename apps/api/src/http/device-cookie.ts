import type { Request, Response } from "express";
import { type DeviceScope, DeviceTokens } from "../credentials/device-token";
import type { DeviceCookie } from "../request/request-context";

/**
 * The device cookie of customer sign-in (`__Host-portal_device`, the whole site) or of the support
 * console (`__Secure-portal_staff_device`, Path=/support, like the staff session cookie); plain names
 * over http://localhost. HttpOnly, SameSite=Strict: only the sign-in mutation reads it.
 */
export function deviceCookieName(scope: DeviceScope, secure: boolean): string {
  if (scope === "staff") return secure ? "__Secure-portal_staff_device" : "portal_staff_device";
  return secure ? "__Host-portal_device" : "portal_device";
}

/** The port's factory for one endpoint: the key is derived once, the cookie made per request. */
export function deviceCookies(
  scope: DeviceScope,
  secret: string,
  secure: boolean,
): (req: Request, res: Response) => DeviceCookie {
  const tokens = new DeviceTokens(secret);
  const name = deviceCookieName(scope, secure);
  const options = {
    httpOnly: true,
    sameSite: "strict" as const,
    secure,
    path: scope === "staff" ? "/support" : "/",
  };
  return (req, res) => ({
    trustedFor: (email) =>
      tokens.verify(scope, email, (req.cookies as Record<string, string> | undefined)?.[name]),
    issue: (email) => {
      const { token, expiresAt } = tokens.issue(scope, email);
      res.cookie(name, token, { ...options, expires: expiresAt });
    },
  });
}
