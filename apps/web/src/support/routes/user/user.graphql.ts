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

/** What every action answers: done, refused with a code, or a rate limit. */
graphql(`
  fragment ActionAnswer on SupportActionResult {
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
`);

export const ResendVerificationMutation = graphql(`
  mutation ResendVerification($userId: ID!) {
    resendVerification(userId: $userId) {
      ...ActionAnswer
    }
  }
`);

export const ClearEnrollmentThrottleMutation = graphql(`
  mutation ClearEnrollmentThrottle($input: ClearEnrollmentThrottleInput!) {
    clearEnrollmentThrottle(input: $input) {
      ...ActionAnswer
    }
  }
`);

export const DeactivatePortalUserMutation = graphql(`
  mutation DeactivatePortalUser($userId: ID!, $reason: String!) {
    deactivatePortalUser(userId: $userId, reason: $reason) {
      ...ActionAnswer
    }
  }
`);

export const ReactivatePortalUserMutation = graphql(`
  mutation ReactivatePortalUser($userId: ID!) {
    reactivatePortalUser(userId: $userId) {
      ...ActionAnswer
    }
  }
`);

export const RevokeGrantMutation = graphql(`
  mutation RevokeGrant($userId: ID!, $customerId: String!) {
    revokeGrant(userId: $userId, customerId: $customerId) {
      ...ActionAnswer
    }
  }
`);
