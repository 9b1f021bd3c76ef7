import { type DocumentNode, Kind } from "graphql";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

/**
 * The hash graphql-codegen put on the document (`__meta__.hash`, codegen.ts): the key of its entry
 * in the manifest the API loads. Apollo Client's own transforms copy the document with `__meta__`
 * kept; a document without one was not generated from src/ and has no place on the wire.
 */
export function documentHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== "string") {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    throw new Error(
      `GraphQL operation ${operation?.name?.value ?? "(anonymous)"} has no trusted-document hash: write it with graphql() from src/gql so codegen lists it`,
    );
  }
  return hash;
}

/**
 * Sends `extensions.persistedQuery.sha256Hash` and no `query`. Never falls back to the full
 * document: the production API refuses any document that is not in the manifest, so a retry could
 * only fail again, and an unknown hash means this build and the server's manifest differ.
 */
export const trustedDocumentsLink = new PersistedQueryLink({
  generateHash: documentHash,
  retry: () => false,
  disable: () => false,
});
