import { currentLanguage } from "../i18n";
import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { createCache } from "./cache";
import { trustedDocumentsLink } from "./trusted-documents";

/**
 * A request that got no usable answer is logged with the server's request id (`x-request-id`), so a
 * support desk or a developer can find the server's own log of it: the server tells the browser
 * only "Something went wrong", on purpose.
 */
const logFailures = new ErrorLink(({ error, operation }) => {
  const response = (operation.getContext() as { response?: Response }).response;
  console.error(
    `GraphQL ${operation.operationName ?? "operation"} failed; server request id ${response?.headers.get("x-request-id") ?? "unknown"}`,
    error,
  );
});

/**
 * Same-origin API: the session is an httpOnly cookie, and Apollo Client sends
 * `content-type: application/json`, which satisfies Apollo Server's CSRF prevention.
 *
 * A build sends only each operation's hash (trusted documents, docs/api.md). `vite` in development
 * sends full documents: the API accepts them outside production, and the manifest it may have
 * loaded is the last build's, not the sources being edited.
 */
/**
 * Every request says the page's language (Accept-Language): the API keeps it with the account at
 * sign-in and when a password is set, and mails security notices in it.
 */
const pageLanguage = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
    headers: { ...headers, "accept-language": currentLanguage() },
  }));
  return forward(operation);
});

export function createApolloClient() {
  return new ApolloClient({
    link: ApolloLink.from([
      logFailures,
      pageLanguage,
      ...(import.meta.env.DEV ? [] : [trustedDocumentsLink]),
      new HttpLink({ uri: "/graphql", credentials: "same-origin" }),
    ]),
    cache: createCache(),
  });
}
