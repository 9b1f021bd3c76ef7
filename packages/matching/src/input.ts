import { normalizeContractId } from "./contract-id";
import { isSingleEmailAddress, normalizeEmail } from "./email";
import { isPersonName } from "./name";
import {
  ENROLLMENT_FIELDS,
  type EnrollmentField,
  type FieldErrorCode,
  FIELD_MAX_LENGTH,
  LIMITS,
} from "./policy";

export { LIMITS };
export type { EnrollmentField, FieldErrorCode };
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

const CONTENT: Record<EnrollmentField, ContentCheck> = {
  firstName: personName,
  lastName: personName,
  email: singleEmail,
  billingPostalCode: postalCodeContent,
  contractId: noControlCharacters,
};

/** In form order, so problems are reported in the order a person meets the fields. */
const RULES = ENROLLMENT_FIELDS.map((field) => ({
  field,
  limit: FIELD_MAX_LENGTH[field],
  content: CONTENT[field],
}));

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
