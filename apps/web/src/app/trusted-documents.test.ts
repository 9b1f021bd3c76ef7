import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { parse, print } from "graphql";
import { MyContractsQuery, SignOutMutation } from "../routes/contracts/contracts.graphql";
import { trustedDocumentsLink } from "./trusted-documents";

/** codegen's manifest: what the build ships and the API runs by hash. */
const manifest = JSON.parse(
  readFileSync(path.join(__dirname, "..", "gql", "persisted-documents.json"), "utf8"),
) as Record<string, string>;

/** A client as apollo.ts builds it, on a fetch that records each request body and answers `answer`. */
function clientWith(answer: { status: number; body: unknown }) {
  const bodies: Record<string, unknown>[] = [];
  const fetch = (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(init?.body as string) as Record<string, unknown>);
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { "content-type": "application/json" },
      }),
    );
  };
  const client = new ApolloClient({
    link: ApolloLink.from([trustedDocumentsLink, new HttpLink({ uri: "/graphql", fetch })]),
    cache: new InMemoryCache(),
  });
  return { client, bodies };
}

test("every manifest key is the SHA-256 of exactly its document", () => {
  expect(Object.keys(manifest).length).toBeGreaterThan(5);
  for (const [hash, document] of Object.entries(manifest)) {
    expect(createHash("sha256").update(document).digest("hex")).toBe(hash);
  }
});

test("Apollo Client's cache adds nothing to a manifest document: it reads what the server runs", () => {
  const cache = new InMemoryCache();
  for (const document of Object.values(manifest)) {
    expect(print(cache.transformDocument(parse(document)))).toBe(print(parse(document)));
  }
});

test("a request carries the manifest hash and no query", async () => {
  const { client, bodies } = clientWith({
    status: 200,
    body: { data: { __typename: "Mutation", signOut: { __typename: "SignedOut" } } },
  });
  await client.mutate({ mutation: SignOutMutation });
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).not.toHaveProperty("query");
  expect(bodies[0]).toMatchObject({
    operationName: "SignOut",
    extensions: { persistedQuery: { version: 1, sha256Hash: expect.any(String) as string } },
  });
  const { sha256Hash } = (bodies[0]!.extensions as { persistedQuery: { sha256Hash: string } })
    .persistedQuery;
  expect(manifest[sha256Hash]).toMatch(/^mutation SignOut /);
});

test("an unknown hash is not retried with the full document", async () => {
  const { client, bodies } = clientWith({
    status: 400,
    body: { errors: [{ message: "Unknown", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] },
  });
  await expect(client.query({ query: MyContractsQuery })).rejects.toThrow();
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).not.toHaveProperty("query");
});

test("a document codegen did not list is never sent", async () => {
  const { client, bodies } = clientWith({ status: 200, body: { data: {} } });
  await expect(
    client.query({
      query: gql`
        query Handwritten {
          me {
            id
          }
        }
      `,
    }),
  ).rejects.toThrow(/Handwritten has no trusted-document hash/);
  expect(bodies).toEqual([]);
});
