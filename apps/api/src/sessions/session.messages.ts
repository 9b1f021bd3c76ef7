export const SIGN_IN_FAILED_MESSAGE =
  "The email or password is not right. If you registered recently, first finish setting up your account with the link we emailed you.";
export const SIGNED_OUT_MESSAGE = "You are signed out.";
