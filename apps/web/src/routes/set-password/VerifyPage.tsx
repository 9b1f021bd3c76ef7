import { useMutation } from "@apollo/client/react";
import { SetPasswordForm } from "./SetPasswordForm";
import { CompleteEnrollmentMutation } from "./set-password.graphql";

/** /verify?token=… from the verification email. */
export default function VerifyPage() {
  const [complete] = useMutation(CompleteEnrollmentMutation);
  return (
    <SetPasswordForm
      mode="verify"
      submit={async (token, password) => (await complete({ variables: { input: { token, password } } })).data?.completeEnrollment}
    />
  );
}
