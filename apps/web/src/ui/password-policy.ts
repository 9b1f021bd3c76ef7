import { PASSWORD_LENGTH } from "@portal/matching";

/** The server's length rule (packages/matching policy.ts), counted as code points. */
export const PASSWORD_MIN = PASSWORD_LENGTH.min;
export const PASSWORD_MAX = PASSWORD_LENGTH.max;

export type LengthStatus = "short" | "ok" | "long";

export function passwordLength(password: string): number {
  return [...password].length;
}

export function lengthStatus(password: string): LengthStatus {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return "short";
  return length > PASSWORD_MAX ? "long" : "ok";
}
