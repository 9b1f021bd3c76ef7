import { graphql } from "../../gql";

export const SelfEnrollMutation = graphql(`
  mutation SelfEnroll($input: SelfEnrollInput!) {
    selfEnroll(input: $input) {
      __typename
      ... on EnrollmentStarted {
        email
      }
      ... on EnrollmentRejected {
        message
      }
      ... on InputInvalid {
        fieldErrors {
          field
          code
        }
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`);
