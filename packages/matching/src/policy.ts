/**
 * Every limit and code the portal's checks share, declared once. The API (its validation, its
 * GraphQL enums, hence schema.graphql and the web app's generated types) and the web app derive from
 * these; nothing else spells them out.
 */

/** The fields of the enrollment form, in form order. */
export const ENROLLMENT_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "billingPostalCode",
  "contractId",
] as const;
export type EnrollmentField = (typeof ENROLLMENT_FIELDS)[number];

/**
 * Longest accepted value, after trimming. 254 is the longest address that fits an SMTP path (RFC 5321);
 * names, postal codes and contract ids get what real ones need with room to spare.
 */
export const LIMITS = { name: 100, email: 254, postalCode: 20, contractId: 64 } as const;

export const FIELD_MAX_LENGTH: Readonly<Record<EnrollmentField, number>> = {
  firstName: LIMITS.name,
  lastName: LIMITS.name,
  email: LIMITS.email,
  billingPostalCode: LIMITS.postalCode,
  contractId: LIMITS.contractId,
};

/** Why a form value was refused before any servicing data was read. */
export const FIELD_ERROR_CODES = [
  "REQUIRED",
  "TOO_LONG",
  "INVALID_EMAIL",
  "INVALID_CHARACTERS",
  "INVALID_NAME",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * How much of a person's name a message shows (in grapheme clusters). A greeting names its reader only
 * with a first name this short; a notice quotes at most this much of someone else's name (the rest cut,
 * with "…"), so a name is never room for a message of its own.
 */
export const NAME_IN_MAIL = { greeting: 30, quoted: 60 } as const;

/**
 * How much of untrusted text is kept where it is stored or used as a lookup key (more is cut first):
 * an address as typed (320: the longest local part and domain together), a contract id as typed, a
 * secret token from a link (ours are 43 characters), a user agent.
 */
export const STORED_LENGTH = { email: 320, contractId: 100, token: 100, userAgent: 300 } as const;

/**
 * The support console's limits: accounts one search answers (narrow it rather than page through
 * people), and the longest deactivation reason kept (more is cut).
 */
export const SUPPORT_LIMITS = { searchResults: 50, deactivationReason: 500 } as const;

/** NIST SP 800-63B / OWASP ASVS 5: 12 to 128 characters (code points), no composition rules. */
export const PASSWORD_LENGTH = { min: 12, max: 128 } as const;
export const PASSWORD_PROBLEMS = ["TOO_SHORT", "TOO_LONG", "TOO_GUESSABLE"] as const;
export type PasswordProblemCode = (typeof PASSWORD_PROBLEMS)[number];

/** Why an emailed link cannot be used. */
export const TOKEN_PROBLEMS = ["INVALID", "EXPIRED", "USED", "SUPERSEDED"] as const;
export type TokenProblem = (typeof TOKEN_PROBLEMS)[number];

/** An enum-like object `{ A: "A", … }` of a list of codes, for APIs that want one (GraphQL enums). */
export function enumOf<const T extends readonly string[]>(
  values: T,
): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as {
    readonly [K in T[number]]: K;
  };
}
