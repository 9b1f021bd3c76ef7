import { graphql } from "../gql";

export const PortalCopyQuery = graphql(`
  query PortalCopy($language: Language!) {
    portalCopy(language: $language) {
      language
      portalName
      supportEmail
      supportPhone
      supportHours
      rejectionMessage
      hints {
        firstName
        lastName
        email
        billingPostalCode
        contractId
      }
    }
  }
`);
