import { graphql } from "../../gql";

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInFailed {
        message
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);
