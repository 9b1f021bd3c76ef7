import type { AuthChecker } from "type-graphql";
import type { GraphQLContext } from "../graphql/context";

/**
 * Who may run what on /graphql, for operations that declare it (`@Authorized()`): an account
 * signed in with a session cookie. Customers have no roles: an operation asking for one is refused.
 */
export const customerAuthChecker: AuthChecker<GraphQLContext> = async ({ context }, roles) =>
  roles.length === 0 && (await context.currentUser()) !== null;
