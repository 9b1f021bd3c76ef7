import { graphql } from "../../gql";

export const MyContractsQuery = graphql(`
  query MyContracts {
    me {
      id
      email
      firstName
      accessSuspended
      closedContracts {
        contractId
        customerName
        closedOn
      }
      contracts {
        contractId
        customerName
        billingAddress {
          line1
          city
          region
          postalCode
          country
        }
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut {
      __typename
    }
  }
`);
