import type { ResetPasswordMutation as Data } from "../../gql/graphql";
import { useResultMutation } from "../../lib/useResultMutation";
import { SetPasswordForm } from "./SetPasswordForm";
import { ResetPasswordMutation } from "./set-password.graphql";

const pick = (data: Data) => data.resetPassword;

/** /reset-password?token=… from the password-reset email. */
export default function ResetPasswordPage() {
  return <SetPasswordForm mode="reset" mutation={useResultMutation(ResetPasswordMutation, pick)} />;
}
