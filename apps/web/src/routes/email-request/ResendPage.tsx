import type { RequestVerificationEmailMutation as Data } from "../../gql/graphql";
import { useResultMutation } from "../../lib/useResultMutation";
import { EmailRequestForm } from "./EmailRequestForm";
import { RequestVerificationEmailMutation } from "./email-request.graphql";

const pick = (data: Data) => data.requestVerificationEmail;

export default function ResendPage() {
  return (
    <EmailRequestForm
      texts="resend"
      request={useResultMutation(RequestVerificationEmailMutation, pick)}
    />
  );
}
