import { z } from "zod";

/** A limit of failures (or requests) per window, e.g. "5/3600": 5 per hour. */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

export const throttleRule = z
  .string()
  .regex(/^\d+\/\d+$/, 'must look like "5/3600" (count per seconds)')
  .transform((v): ThrottleRule => {
    const [limit, windowSeconds] = v.split("/").map(Number) as [number, number];
    return { limit, windowSeconds };
  })
  .refine((r) => r.limit >= 1 && r.windowSeconds >= 1, "count and seconds must be at least 1");

/** Every throttled dimension, its environment variable and its default. Documented in docs/abuse-resistance.md. */
export const THROTTLE_DEFAULTS = {
  // The contract limit is what stops a postal-code brute force; the others catch guesses spread over
  // contracts, and are looser so that an office behind one address is not blocked by a few typos.
  RATE_LIMIT_ENROLL_CONTRACT: "5/3600",
  RATE_LIMIT_ENROLL_EMAIL: "10/3600",
  RATE_LIMIT_ENROLL_CUSTOMER: "20/3600",
  RATE_LIMIT_ENROLL_IP: "100/3600",
  // Sign-in (see sign-in.keys.ts): a client that has not signed in to the account before is limited
  // strictly per address and network, and more loosely per address alone (which bounds guesses spread
  // over many networks); a browser with the account's device token is limited on its token instead,
  // so strangers who fill the address's limits do not lock its owner out.
  RATE_LIMIT_SIGNIN_EMAIL: "5/900",
  RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL: "10/3600",
  RATE_LIMIT_STAFF_SIGNIN_EMAIL: "30/3600",
  RATE_LIMIT_SIGNIN_DEVICE: "5/900",
  RATE_LIMIT_SIGNIN_IP: "30/900",
  RATE_LIMIT_TOKEN_IP: "10/3600",
  RATE_LIMIT_MAIL_EMAIL: "3/3600",
  RATE_LIMIT_MAIL_IP: "20/3600",
} as const;

export type ThrottleName = keyof typeof THROTTLE_DEFAULTS;
