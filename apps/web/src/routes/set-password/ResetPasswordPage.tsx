import { useMutation } from "@apollo/client/react";
import { SetPasswordForm } from "./SetPasswordForm";
import { ResetPasswordMutation } from "./set-password.graphql";

/** /reset-password?token=… from the password-reset email. */
export default function ResetPasswordPage() {
  const [reset] = useMutation(ResetPasswordMutation);
  return (
    <SetPasswordForm
      mode="reset"
      submit={async (token, password) => (await reset({ variables: { input: { token, password } } })).data?.resetPassword}
    />
  );
}
