import type { RequestPasswordResetMutation as Data } from "../../gql/graphql";
import { useResultMutation } from "../../lib/useResultMutation";
import { EmailRequestForm } from "./EmailRequestForm";
import { RequestPasswordResetMutation } from "./email-request.graphql";

const pick = (data: Data) => data.requestPasswordReset;

export default function ForgotPasswordPage() {
  return (
    <EmailRequestForm
      texts="forgot"
      request={useResultMutation(RequestPasswordResetMutation, pick)}
    />
  );
}
