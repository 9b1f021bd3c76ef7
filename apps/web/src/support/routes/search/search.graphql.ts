import { graphql } from "../../gql";

export const PortalUsersQuery = graphql(`
  query PortalUsers($search: String!) {
    portalUsers(search: $search) {
      id
      email
      firstName
      lastName
      status
      createdAt
      lastSignInAt
      grants {
        customerId
        customerName
        status
      }
    }
  }
`);
