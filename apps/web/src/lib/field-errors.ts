import {
  type EnrollmentField,
  FIELD_ERROR_CODES,
  FIELD_MAX_LENGTH,
  type FieldErrorCode,
} from "@portal/matching";
import type { TFunction } from "../i18n";

export type EnrollmentFieldName = EnrollmentField;

export function maxLengthOf(field: EnrollmentFieldName): number {
  return FIELD_MAX_LENGTH[field];
}

/** The reader's-language message for a format problem (the same codes the server's InputInvalid uses). */
export function fieldErrorMessage(t: TFunction, field: EnrollmentFieldName, code: string): string {
  const safeCode = (FIELD_ERROR_CODES as readonly string[]).includes(code)
    ? (code as FieldErrorCode)
    : "INVALID_CHARACTERS";
  return t(`errors.field.${safeCode}`, {
    label: safeCode === "REQUIRED" ? t(`fieldLower.${field}`) : t(`fields.${field}`),
    max: FIELD_MAX_LENGTH[field],
  });
}
