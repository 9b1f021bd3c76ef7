import { useResultMutation } from "../../lib/useResultMutation";
import { EmailRequestForm } from "./EmailRequestForm";
import { RequestVerificationEmailMutation } from "./email-request.graphql";

const pick = (data: { requestVerificationEmail: { __typename?: string } }) =>
  data.requestVerificationEmail;

export default function ResendPage() {
  return (
    <EmailRequestForm
      texts="resend"
      request={useResultMutation(RequestVerificationEmailMutation, pick)}
    />
  );
}
