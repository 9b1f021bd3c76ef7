import { graphql } from "../../gql";

export const ExplainEligibilityQuery = graphql(`
  query ExplainEligibility($input: ExplainEligibilityInput!) {
    explainEligibility(input: $input) {
      __typename
      ... on EligibilityExplanation {
        eligible
        reasonCode
        customerId
        checks {
          rule
          status
          decisive
          detail
        }
        onFile {
          customerId
          source
          sourceId
          recordCustomerId
        }
        contract {
          id
          key
          customerId
          status
          booked
          closedAt
          billingPostalCode
          billingCountry
        }
        postal {
          country
          rule
          countryStored
          storedRaw
          storedCompared
          enteredRaw
          enteredCompared
          matches
        }
      }
      ... on InputInvalid {
        message
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);
