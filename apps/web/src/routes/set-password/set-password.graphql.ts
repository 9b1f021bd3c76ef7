import { graphql } from "../../gql";

export const CompleteEnrollmentMutation = graphql(`
  mutation CompleteEnrollment($input: TokenPasswordInput!) {
    completeEnrollment(input: $input) {
      __typename
      ... on TokenRejected {
        code
      }
      ... on PasswordRejected {
        problems {
          code
          message
        }
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: TokenPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ... on TokenRejected {
        code
      }
      ... on PasswordRejected {
        problems {
          code
          message
        }
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);
