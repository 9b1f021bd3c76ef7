export { normalizeEmail, splitEmailList, emailListContains, isSingleEmailAddress } from "./email";
export { recognizeCountry } from "./country";
export type { CountryKind } from "./country";
export { comparePostalCodes, normalizePostalCode, postalCodesMatch } from "./postal";
export type { PostalComparison, PostalRule } from "./postal";
export { normalizeContractId, contractIdsMatch } from "./contract-id";
export { isPersonName } from "./name";
export {
  ENROLLMENT_FIELDS,
  FIELD_ERROR_CODES,
  FIELD_MAX_LENGTH,
  NAME_IN_MAIL,
  PASSWORD_LENGTH,
  PASSWORD_PROBLEMS,
  STORED_LENGTH,
  SUPPORT_LIMITS,
  TOKEN_PROBLEMS,
  enumOf,
} from "./policy";
export type { PasswordProblemCode, TokenProblem } from "./policy";
export { LIMITS, validateEnrollmentInput, normalizeEnrollmentInput } from "./input";
export type {
  EnrollmentField,
  EnrollmentInput,
  FieldErrorCode,
  FieldError,
  NormalizedEnrollmentInput,
} from "./input";
export { REJECTION_REASONS, decideEligibility, isBookedStatus } from "./decision";
export type { ContractFacts, Decision, EmailOwnerFacts, RejectionReason } from "./decision";
export { decisionFacts, explainEligibility } from "./explain";
export { CHECK_STATUSES, ELIGIBILITY_RULES, EMAIL_SOURCES, RULE_OF_REASON } from "./explain.types";
export type {
  CheckStatus,
  ContractRecordFacts,
  EligibilityCheck,
  EligibilityRule,
  EmailOnFile,
  EmailRecordFacts,
  EmailSource,
  ExplainedInput,
  Explanation,
  ExplanationFacts,
  PostalExplanation,
  UnbilledLocation,
} from "./explain.types";
