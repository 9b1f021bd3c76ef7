import { graphql } from "../../gql";

export const StaffCompleteInviteMutation = graphql(`
  mutation StaffCompleteInvite($input: StaffCompleteInviteInput!) {
    staffCompleteInvite(input: $input) {
      __typename
      ... on StaffInviteCompleted {
        totpUri
      }
      ... on TokenRejected {
        code
        message
      }
      ... on PasswordRejected {
        message
        problems {
          code
          message
        }
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);
