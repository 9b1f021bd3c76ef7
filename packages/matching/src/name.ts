/**
 * What a person's name needs: letters and combining marks of any script, and between them single
 * spaces, apostrophes, hyphens and periods ("Zoë-Anne", "O'Brien de la Cruz", "J. R.", "Nguyễn").
 * Nothing else reaches a verification email: no digits or symbols, no bidirectional controls
 * (U+202E turns "gpj.exe" into "exe.jpg"), no zero-width or other invisible format characters, no line
 * or paragraph separators, and nothing that reads as an address: a period directly followed by
 * letters ("evil.example") is what mail clients turn into a link.
 */
const NAME = /^[\p{L}\p{M}]+(?:[ '’ʼ.\-‐][\p{L}\p{M}]*)*$/u;
const DOMAIN_LIKE = /\.[\p{L}\p{M}]{2,}/u;

/** Whether a trimmed value is a plausible person's name by the rule above. */
export function isPersonName(value: string): boolean {
  return NAME.test(value) && !DOMAIN_LIKE.test(value);
}
