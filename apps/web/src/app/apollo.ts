import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

/**
 * Same-origin API: the session is an httpOnly cookie, and Apollo Client sends
 * `content-type: application/json`, which satisfies Apollo Server's CSRF prevention.
 */
export function createApolloClient() {
  return new ApolloClient({
    link: new HttpLink({ uri: "/graphql", credentials: "same-origin" }),
    cache: new InMemoryCache(),
  });
}
