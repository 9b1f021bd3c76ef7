import type { Request, Response } from "express";
import type { SessionCookie } from "../request/request-context";

/** `__Host-` pins the cookie to this origin over HTTPS (production); plain name for http://localhost. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-portal_session" : "portal_session";
}

/** The session cookie port over express: httpOnly, SameSite=Lax, the whole site, Secure in production. */
export function sessionCookie(req: Request, res: Response, secure: boolean): SessionCookie {
  const name = sessionCookieName(secure);
  return {
    read: () => (req.cookies as Record<string, string> | undefined)?.[name],
    set: (token, expiresAt) =>
      res.cookie(name, token, {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        expires: expiresAt,
      }),
    clear: () => res.clearCookie(name, { httpOnly: true, sameSite: "lax", secure, path: "/" }),
  };
}
