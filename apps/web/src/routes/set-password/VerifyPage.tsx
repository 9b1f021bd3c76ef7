import type { CompleteEnrollmentMutation as Data } from "../../gql/graphql";
import { useResultMutation } from "../../lib/useResultMutation";
import { SetPasswordForm } from "./SetPasswordForm";
import { CompleteEnrollmentMutation } from "./set-password.graphql";

const pick = (data: Data) => data.completeEnrollment;

/** /verify?token=… from the verification email. */
export default function VerifyPage() {
  return (
    <SetPasswordForm mode="verify" mutation={useResultMutation(CompleteEnrollmentMutation, pick)} />
  );
}
