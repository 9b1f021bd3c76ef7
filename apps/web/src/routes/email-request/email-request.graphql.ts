import { graphql } from "../../gql";

export const RequestVerificationEmailMutation = graphql(`
  mutation RequestVerificationEmail($input: EmailInput!) {
    requestVerificationEmail(input: $input) {
      __typename
      ... on EmailRequestAccepted {
        message
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: EmailInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on EmailRequestAccepted {
        message
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);
