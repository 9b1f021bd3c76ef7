import { graphql } from "../../gql";

export const PortalUserQuery = graphql(`
  query PortalUser($id: ID!) {
    portalUser(id: $id) {
      id
      email
      firstName
      lastName
      status
      createdAt
      lastSignInAt
      deactivatedAt
      deactivationReason
      grants {
        customerId
        customerName
        status
        grantedViaContract
        createdAt
      }
    }
  }
`);

export const EnrollmentAttemptsQuery = graphql(`
  query EnrollmentAttempts($email: String!) {
    enrollmentAttempts(email: $email, limit: 50) {
      at
      email
      contractId
      outcome
      reasonCode
      customerId
    }
  }
`);

/*
 * Every action answers SupportActionDone | SupportActionRefused | RateLimited, selected in each
 * mutation with inline fragments on the concrete types (a named fragment on the union would need
 * the cache to know the union's members to read it back).
 */
export const ResendVerificationMutation = graphql(`
  mutation ResendVerification($userId: ID!) {
    resendVerification(userId: $userId) {
      __typename
      ... on SupportActionDone {
        message
      }
      ... on SupportActionRefused {
        code
        message
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);

export const ClearEnrollmentThrottleMutation = graphql(`
  mutation ClearEnrollmentThrottle($input: ClearEnrollmentThrottleInput!) {
    clearEnrollmentThrottle(input: $input) {
      __typename
      ... on SupportActionDone {
        message
      }
      ... on SupportActionRefused {
        code
        message
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);

export const DeactivatePortalUserMutation = graphql(`
  mutation DeactivatePortalUser($userId: ID!, $reason: String!) {
    deactivatePortalUser(userId: $userId, reason: $reason) {
      __typename
      ... on SupportActionDone {
        message
      }
      ... on SupportActionRefused {
        code
        message
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);

export const ReactivatePortalUserMutation = graphql(`
  mutation ReactivatePortalUser($userId: ID!) {
    reactivatePortalUser(userId: $userId) {
      __typename
      ... on SupportActionDone {
        message
      }
      ... on SupportActionRefused {
        code
        message
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);

export const RevokeGrantMutation = graphql(`
  mutation RevokeGrant($userId: ID!, $customerId: String!) {
    revokeGrant(userId: $userId, customerId: $customerId) {
      __typename
      ... on SupportActionDone {
        message
      }
      ... on SupportActionRefused {
        code
        message
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`);
