export { normalizeEmail, splitEmailList, emailListContains, isSingleEmailAddress } from "./email";
export { recognizeCountry } from "./country";
export type { CountryKind } from "./country";
export { normalizePostalCode, postalCodesMatch } from "./postal";
export { normalizeContractId, contractIdsMatch } from "./contract-id";
export { isPersonName } from "./name";
export { LIMITS, validateEnrollmentInput, normalizeEnrollmentInput } from "./input";
export type {
  EnrollmentField,
  EnrollmentInput,
  FieldErrorCode,
  FieldError,
  NormalizedEnrollmentInput,
} from "./input";
export { decideEligibility, isBookedStatus } from "./decision";
export type { ContractFacts, Decision, EmailOwnerFacts, RejectionReason } from "./decision";
