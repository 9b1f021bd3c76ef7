import { graphql } from "../gql";

export const StaffMeQuery = graphql(`
  query StaffMe {
    staffMe {
      id
      email
      role
    }
  }
`);

export const StaffSignOutMutation = graphql(`
  mutation StaffSignOut {
    staffSignOut {
      message
    }
  }
`);
