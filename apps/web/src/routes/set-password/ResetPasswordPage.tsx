import { useResultMutation } from "../../lib/useResultMutation";
import { type SetPasswordResult, SetPasswordForm } from "./SetPasswordForm";
import { ResetPasswordMutation } from "./set-password.graphql";

const pick = (data: { resetPassword: SetPasswordResult }) => data.resetPassword;

/** /reset-password?token=… from the password-reset email. */
export default function ResetPasswordPage() {
  return <SetPasswordForm mode="reset" mutation={useResultMutation(ResetPasswordMutation, pick)} />;
}
