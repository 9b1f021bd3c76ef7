import { graphql } from "../../gql";

export const StaffSignInMutation = graphql(`
  mutation StaffSignIn($input: StaffSignInInput!) {
    staffSignIn(input: $input) {
      __typename
      ... on StaffSignedIn {
        staff {
          id
          email
          role
        }
      }
      ... on StaffSignInFailed {
        message
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);
