/** An authenticator code as typed: spaces and dashes (some apps show "123 456") are not part of it. */
export function normalizeCode(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

export const CODE_DIGITS = 6;

export function isCode(code: string): boolean {
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code);
}
