import { validateEnrollmentInput, type FieldError } from "@portal/matching";
import type { EnrollmentFieldName } from "../../lib/field-errors";

export type EnrollmentValues = Record<EnrollmentFieldName, string>;

export const EMPTY_VALUES: EnrollmentValues = {
  firstName: "",
  lastName: "",
  email: "",
  billingPostalCode: "",
  contractId: "",
};

export type StepKey = "you" | "contract" | "review";

/** who you are → your contract → review. The review step has no inputs of its own. */
export const STEPS: readonly { key: StepKey; fields: readonly EnrollmentFieldName[] }[] = [
  { key: "you", fields: ["firstName", "lastName", "email"] },
  { key: "contract", fields: ["contractId", "billingPostalCode"] },
  { key: "review", fields: [] },
];

/** The server's own format rules (packages/matching), limited to the given fields, in form order. */
export function formatErrors(
  values: EnrollmentValues,
  fields: readonly EnrollmentFieldName[],
): FieldError[] {
  const errors = validateEnrollmentInput(values).filter((e) => fields.includes(e.field));
  return fields.flatMap((field) => errors.filter((e) => e.field === field));
}

/** The first step holding one of these fields (where a person is sent back to fix them). */
export function stepOfField(field: EnrollmentFieldName): number {
  const index = STEPS.findIndex((step) => step.fields.includes(field));
  return index < 0 ? 0 : index;
}

/** The furthest step a person may be on with these values: every earlier step must be valid. */
export function furthestReachableStep(values: EnrollmentValues, wanted: number): number {
  for (let i = 0; i < Math.min(wanted, STEPS.length - 1); i++) {
    if (formatErrors(values, STEPS[i]!.fields).length > 0) return i;
  }
  return Math.max(0, Math.min(wanted, STEPS.length - 1));
}
