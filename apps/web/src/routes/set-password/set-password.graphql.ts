import { graphql } from "../../gql";

export const CompleteEnrollmentMutation = graphql(`
  mutation CompleteEnrollment($input: TokenPasswordInput!) {
    completeEnrollment(input: $input) {
      __typename
      ...TokenRejectedAnswer
      ...PasswordRejectedAnswer
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
      ...TokenRejectedAnswer
      ...PasswordRejectedAnswer
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);
