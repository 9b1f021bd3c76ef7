import { useResultMutation } from "../../lib/useResultMutation";
import { type SetPasswordResult, SetPasswordForm } from "./SetPasswordForm";
import { CompleteEnrollmentMutation } from "./set-password.graphql";

const pick = (data: { completeEnrollment: SetPasswordResult }) => data.completeEnrollment;

/** /verify?token=… from the verification email. */
export default function VerifyPage() {
  return (
    <SetPasswordForm mode="verify" mutation={useResultMutation(CompleteEnrollmentMutation, pick)} />
  );
}
