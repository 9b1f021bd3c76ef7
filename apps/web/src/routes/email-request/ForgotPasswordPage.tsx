import { useMutation } from "@apollo/client/react";
import { EmailRequestForm } from "./EmailRequestForm";
import { RequestPasswordResetMutation } from "./email-request.graphql";

export default function ForgotPasswordPage() {
  const [request] = useMutation(RequestPasswordResetMutation);
  return (
    <EmailRequestForm
      texts="forgot"
      send={async (email) => (await request({ variables: { input: { email } } })).data?.requestPasswordReset}
    />
  );
}
