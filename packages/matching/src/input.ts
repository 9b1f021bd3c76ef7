import { normalizeContractId } from "./contract-id";
import { isSingleEmailAddress, normalizeEmail } from "./email";
import { isPersonName } from "./name";

export const LIMITS = { name: 100, email: 254, postalCode: 20, contractId: 64 } as const;

export type EnrollmentField =
  "firstName" | "lastName" | "email" | "billingPostalCode" | "contractId";
export type FieldErrorCode = "REQUIRED" | "TOO_LONG" | "INVALID_EMAIL" | "INVALID_CHARACTERS" | "INVALID_NAME";
export type EnrollmentInput = Record<EnrollmentField, string | null | undefined>;
export type NormalizedEnrollmentInput = Record<EnrollmentField, string>;
export interface FieldError {
  field: EnrollmentField;
  code: FieldErrorCode;
}

type ContentCheck = (value: string) => FieldErrorCode | undefined;

const CONTROL_CHARACTER = /\p{Cc}/u;
const ALPHANUMERIC = /[0-9A-Za-z]/;

const noControlCharacters: ContentCheck = (value) =>
  CONTROL_CHARACTER.test(value) ? "INVALID_CHARACTERS" : undefined;

// Only ASCII letters and digits survive postal normalization, so nothing else can fill the field.
const postalCodeContent: ContentCheck = (value) =>
  !ALPHANUMERIC.test(value) ? "REQUIRED" : noControlCharacters(value);

const personName: ContentCheck = (value) =>
  noControlCharacters(value) ?? (isPersonName(value) ? undefined : "INVALID_NAME");

const singleEmail: ContentCheck = (value) =>
  isSingleEmailAddress(value) ? undefined : "INVALID_EMAIL";

const RULES: readonly { field: EnrollmentField; limit: number; content: ContentCheck }[] = [
  { field: "firstName", limit: LIMITS.name, content: personName },
  { field: "lastName", limit: LIMITS.name, content: personName },
  { field: "email", limit: LIMITS.email, content: singleEmail },
  { field: "billingPostalCode", limit: LIMITS.postalCode, content: postalCodeContent },
  { field: "contractId", limit: LIMITS.contractId, content: noControlCharacters },
];

function checkField(raw: string | null | undefined, limit: number, content: ContentCheck) {
  const value = (raw ?? "").trim();
  if (value === "") return "REQUIRED";
  // Before any pattern work: inputs come straight from the network and may be megabytes long.
  if (value.length > limit) return "TOO_LONG";
  return content(value);
}

export function validateEnrollmentInput(input: EnrollmentInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const { field, limit, content } of RULES) {
    const code = checkField(input[field], limit, content);
    if (code !== undefined) errors.push({ field, code });
  }
  return errors;
}

export function normalizeEnrollmentInput(input: EnrollmentInput): NormalizedEnrollmentInput {
  return {
    firstName: (input.firstName ?? "").trim(),
    lastName: (input.lastName ?? "").trim(),
    email: normalizeEmail(input.email ?? ""),
    billingPostalCode: (input.billingPostalCode ?? "").trim(),
    contractId: normalizeContractId(input.contractId ?? ""),
  };
}
