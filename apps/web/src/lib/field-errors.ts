import type { FieldErrorCode } from "@portal/matching";
import { LIMITS } from "@portal/matching";
import type { TFunction } from "../i18n";

export const ENROLLMENT_FIELDS = ["firstName", "lastName", "email", "billingPostalCode", "contractId"] as const;
export type EnrollmentFieldName = (typeof ENROLLMENT_FIELDS)[number];

const MAX_LENGTH: Record<EnrollmentFieldName, number> = {
  firstName: LIMITS.name,
  lastName: LIMITS.name,
  email: LIMITS.email,
  billingPostalCode: LIMITS.postalCode,
  contractId: LIMITS.contractId,
};

export function maxLengthOf(field: EnrollmentFieldName): number {
  return MAX_LENGTH[field];
}

/** The reader's-language message for a format problem (the same codes the server's InputInvalid uses). */
export function fieldErrorMessage(t: TFunction, field: EnrollmentFieldName, code: FieldErrorCode | string): string {
  const known = ["REQUIRED", "TOO_LONG", "INVALID_EMAIL", "INVALID_CHARACTERS", "INVALID_NAME"] as const;
  const safeCode = (known as readonly string[]).includes(code) ? (code as (typeof known)[number]) : "INVALID_CHARACTERS";
  return t(`errors.field.${safeCode}`, {
    label: safeCode === "REQUIRED" ? t(`fieldLower.${field}`) : t(`fields.${field}`),
    max: MAX_LENGTH[field],
  });
}
