import {
  type EnrollmentField as SelfEnrollField,
  FIELD_MAX_LENGTH,
  type FieldErrorCode,
} from "@portal/matching";

const LABELS: Record<SelfEnrollField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email address",
  billingPostalCode: "Billing postal code",
  contractId: "Contract number",
};

export function fieldErrorMessage(field: SelfEnrollField, code: FieldErrorCode): string {
  const label = LABELS[field];
  switch (code) {
    case "REQUIRED":
      return `${label} is required.`;
    case "TOO_LONG":
      return `${label} must be at most ${FIELD_MAX_LENGTH[field]} characters.`;
    case "INVALID_EMAIL":
      return "Enter one email address, like name@example.com.";
    case "INVALID_CHARACTERS":
      return `${label} contains characters that are not allowed.`;
    case "INVALID_NAME":
      return `${label} can contain letters, spaces, apostrophes, hyphens and periods only.`;
  }
}

export const INPUT_INVALID_MESSAGE =
  "Some details need your attention. Check the highlighted fields.";

export const startedMessage = (email: string) =>
  `Check your inbox: we have sent a message to ${email} with a link to finish setting up your account.`;
