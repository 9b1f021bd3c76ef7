import type { TokenProblem } from "@portal/matching";
import type { ActionRefusal } from "./support-actions.service";
import type { StaffActionKind } from "../audit/audit-log";

export const STAFF_TOKEN_MESSAGES: Record<TokenProblem, string> = {
  INVALID: "This invitation link is not valid. Ask an administrator for a new invitation.",
  EXPIRED: "This invitation has expired. Ask an administrator for a new one.",
  USED: "This invitation was already used. Sign in with your password and authenticator code.",
  SUPERSEDED: "A newer invitation was sent: use the link in the latest email.",
};

export const STAFF_SIGN_IN_FAILED =
  "Email, password or code not accepted. Codes work once: if you just used one, wait for the next.";
export const STAFF_SIGNED_OUT = "You are signed out of the support console.";
export const SIGN_IN_REQUIRED = "Sign in to the support console first.";

export const ACTION_DONE: Record<StaffActionKind, string> = {
  RESEND_VERIFICATION: "A new verification email is on its way.",
  CLEAR_ENROLLMENT_THROTTLE: "The enrollment attempt limits for these details are cleared.",
  DEACTIVATE_USER: "The account is deactivated; its sessions ended and the person was told.",
  REACTIVATE_USER: "The account is active again.",
  REVOKE_GRANT: "The account no longer has access to this customer.",
};

export const ACTION_REFUSED: Record<ActionRefusal | "SIGN_IN_REQUIRED", string> = {
  SIGN_IN_REQUIRED,
  ADMIN_ONLY: "Only an administrator can do this.",
  USER_NOT_FOUND: "No account has this id.",
  NOT_PENDING: "This account is not waiting for email verification.",
  ALREADY_INACTIVE: "This account is already deactivated.",
  NOT_INACTIVE: "This account is not deactivated.",
  GRANT_NOT_FOUND: "This account has no access to this customer.",
  INPUT_MISSING: "A required detail is missing.",
};
