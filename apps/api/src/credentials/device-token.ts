import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** Whose sign-in a device token is for: a customer's never stands for a member of staff's. */
export type DeviceScope = "customer" | "staff";

/** How long a browser stays known after its last sign-in (each sign-in gives it a new token). */
export const DEVICE_TOKEN_DAYS = 90;

const TOKEN = /^v1\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Device tokens (OWASP's "device cookies"): a browser that signed in to an account is given a token
 * bound to that account (HMAC over scope, email, a random id and the expiry), so its later sign-ins
 * are counted on the token's id rather than on the account's address, which strangers can fill.
 * Stateless: the id is what the throttles limit, the expiry what ends it. The key is derived (HKDF)
 * from the configured secret, so it is never the key of anything else.
 */
export class DeviceTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync("sha256", secret, "", "portal device token v1", 32));
  }

  issue(scope: DeviceScope, email: string): { token: string; expiresAt: Date } {
    const id = randomBytes(16).toString("base64url");
    const expires = Math.floor(this.now() / 1000) + DEVICE_TOKEN_DAYS * 86_400;
    return {
      token: `v1.${id}.${expires}.${this.mac(scope, email, id, expires)}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  /** The token's id when this server issued it for this account and scope and it has not expired; else null. */
  verify(scope: DeviceScope, email: string, token: string | undefined): string | null {
    const parts = token === undefined ? null : TOKEN.exec(token);
    if (!parts) return null;
    const [, id, expiresText, mac] = parts as unknown as [string, string, string, string];
    const expires = Number(expiresText);
    const expected = Buffer.from(this.mac(scope, email, id, expires));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return null;
    return expires * 1000 > this.now() ? id : null;
  }

  private mac(scope: DeviceScope, email: string, id: string, expires: number): string {
    // The email is the only free-form field and comes first: the fixed-format fields after it
    // cannot be shifted into it.
    return createHmac("sha256", this.key)
      .update(`${scope}\n${email}\n${id}\n${expires}`)
      .digest("base64url");
  }
}
