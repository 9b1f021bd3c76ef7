import { useMutation } from "@apollo/client/react";
import { EmailRequestForm } from "./EmailRequestForm";
import { RequestVerificationEmailMutation } from "./email-request.graphql";

export default function ResendPage() {
  const [request] = useMutation(RequestVerificationEmailMutation);
  return (
    <EmailRequestForm
      texts="resend"
      send={async (email) => (await request({ variables: { input: { email } } })).data?.requestVerificationEmail}
    />
  );
}
