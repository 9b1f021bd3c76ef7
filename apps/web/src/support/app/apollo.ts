import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { trustedDocumentsLink } from "../../app/trusted-documents";
import { createSupportCache } from "./cache";
import { isUnauthenticated, sessionEnded } from "./session";

/**
 * UNAUTHENTICATED (no staff session, or it ended) sends the page to sign-in; any other failure is
 * logged with the server's request id, as on the customer pages (src/app/apollo.ts).
 */
const errors = new ErrorLink(({ error, operation }) => {
  if (isUnauthenticated(error)) {
    sessionEnded();
    return;
  }
  const response = (operation.getContext() as { response?: Response }).response;
  console.error(
    `GraphQL ${operation.operationName ?? "operation"} failed; server request id ${response?.headers.get("x-request-id") ?? "unknown"}`,
    error,
  );
});

/**
 * The staff pages' client: `/support/graphql`, same origin, where the staff session cookie
 * (Path=/support) goes. A build sends only each operation's hash, from the staff pages' own manifest
 * (trusted documents, docs/api.md); `vite` in development sends full documents.
 */
export function createSupportClient() {
  return new ApolloClient({
    link: ApolloLink.from([
      errors,
      ...(import.meta.env.DEV ? [] : [trustedDocumentsLink]),
      new HttpLink({ uri: "/support/graphql", credentials: "same-origin" }),
    ]),
    cache: createSupportCache(),
  });
}
