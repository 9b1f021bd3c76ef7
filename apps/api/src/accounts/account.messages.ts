import type { TokenProblem } from "@portal/matching";

export const TOKEN_MESSAGES: Record<TokenProblem, string> = {
  INVALID:
    "This link is not valid. Check that you opened the whole link from the email, or ask for a new one.",
  EXPIRED:
    "This link has expired. Ask for a new one and use it within the time shown in the email.",
  USED: "This link was already used. Sign in with your password, or reset it if you have forgotten it.",
  SUPERSEDED: "A newer email was sent after this one. Use the link in the most recent email.",
};

export const PASSWORD_REJECTED_MESSAGE = "Choose a different password.";
export const ENROLLMENT_COMPLETED_MESSAGE = "Your account is ready and you are signed in.";
export const PASSWORD_RESET_MESSAGE =
  "Your password was changed and you are signed in. Other sessions were signed out.";
export const VERIFICATION_REQUESTED_MESSAGE =
  "If that address has an account waiting for verification, a new link is on its way. Earlier links no longer work.";
export const RESET_REQUESTED_MESSAGE =
  "If that address has an account, an email with a link to choose a new password is on its way.";
