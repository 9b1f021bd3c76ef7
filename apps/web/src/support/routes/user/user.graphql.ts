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

/* Every action answers SupportActionResult, selected by ActionReportNotice's fragment (ActionAnswer). */
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
