import { graphql } from "../../gql";

export const RequestVerificationEmailMutation = graphql(`
  mutation RequestVerificationEmail($input: EmailInput!) {
    requestVerificationEmail(input: $input) {
      ...EmailRequestAnswer
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: EmailInput!) {
    requestPasswordReset(input: $input) {
      ...EmailRequestAnswer
    }
  }
`);
