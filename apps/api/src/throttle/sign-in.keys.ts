import type { ThrottleKey } from "./throttles";

/**
 * The keys a sign-in attempt is counted on, customers' and staff's alike (staff keys have a prefix
 * of their own). `device` is the id of the client's device token for this account, if it has one.
 *
 * - An unknown client: per address and network (`RATE_LIMIT_SIGNIN_EMAIL`, strict), per address alone
 *   (`RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL` / `RATE_LIMIT_STAFF_SIGNIN_EMAIL`, looser: it bounds guesses
 *   spread over many networks, and only unknown clients count on it and are refused by it).
 * - A known browser: per device token (`RATE_LIMIT_SIGNIN_DEVICE`) instead of both, so however many
 *   failures strangers leave on the address, its owner's browser still gets in; and on the account's
 *   own per-address limit for known browsers (the same allowance, a counter only holders of a token
 *   for this account reach), so that many tokens of one account (kept by someone who once knew the
 *   password) still get a bounded number of guesses in all.
 * - Both: per network (`RATE_LIMIT_SIGNIN_IP`), whatever the address.
 */
export function signInKeys(
  scope: "customer" | "staff",
  email: string,
  client: string,
  device: string | null,
): ThrottleKey[] {
  const prefix = scope === "staff" ? "staff:" : "";
  const network: ThrottleKey = { throttle: "RATE_LIMIT_SIGNIN_IP", value: `${prefix}${client}` };
  const perAddress =
    scope === "staff" ? "RATE_LIMIT_STAFF_SIGNIN_EMAIL" : "RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL";
  if (device !== null)
    return [
      { throttle: "RATE_LIMIT_SIGNIN_DEVICE", value: `${prefix}${device}` },
      { throttle: perAddress, value: `${prefix}known:${email}` },
      network,
    ];
  return [
    { throttle: "RATE_LIMIT_SIGNIN_EMAIL", value: `${prefix}${email}:${client}` },
    { throttle: perAddress, value: `${prefix}${email}` },
    network,
  ];
}
