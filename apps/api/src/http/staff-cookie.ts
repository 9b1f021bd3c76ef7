import type { Request, Response } from "express";
import type { StaffCookie } from "../support/staff-auth.service";

/**
 * The staff session cookie: its own name (never the customers'), sent only to /support, HttpOnly,
 * SameSite=Strict, Secure (with the `__Secure-` prefix) in production.
 */
export function staffCookieName(secure: boolean): string {
  return secure ? "__Secure-portal_staff" : "portal_staff";
}

export function staffCookie(req: Request, res: Response, secure: boolean): StaffCookie {
  const name = staffCookieName(secure);
  const options = { httpOnly: true, sameSite: "strict" as const, secure, path: "/support" };
  return {
    read: () => (req.cookies as Record<string, string> | undefined)?.[name],
    set: (token, expiresAt) => res.cookie(name, token, { ...options, expires: expiresAt }),
    clear: () => res.clearCookie(name, options),
  };
}
