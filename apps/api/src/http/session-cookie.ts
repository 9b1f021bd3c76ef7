import type { Request, Response } from "express";

/** `__Host-` pins the cookie to this origin over HTTPS (production); plain name for http://localhost. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-portal_session" : "portal_session";
}

export interface CookieJar {
  read(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export function cookieJar(req: Request, res: Response, secure: boolean): CookieJar {
  const name = sessionCookieName(secure);
  return {
    read: () => (req.cookies as Record<string, string> | undefined)?.[name],
    set: (token, expiresAt) =>
      res.cookie(name, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt }),
    clear: () => res.clearCookie(name, { httpOnly: true, sameSite: "lax", secure, path: "/" }),
  };
}
