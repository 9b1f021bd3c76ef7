/** The server's length rule (docs/api.md): 12–128 characters, counted as code points. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type LengthStatus = "short" | "ok" | "long";

export function passwordLength(password: string): number {
  return [...password].length;
}

export function lengthStatus(password: string): LengthStatus {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return "short";
  return length > PASSWORD_MAX ? "long" : "ok";
}
