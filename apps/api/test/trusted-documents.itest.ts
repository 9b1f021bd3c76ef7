import { writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "graphql";
import { type ApiProcess, logged, startTestApp } from "@portal/test-support";
import { buildAppSchema } from "../src/graphql/schema";
import { readTrustedDocuments } from "../src/graphql/trusted-documents";
import {
  type Answer,
  REPO,
  byHash,
  code,
  codegenManifest,
  named,
  postTo,
  productionWorkspace,
  sha256,
} from "./trusted-documents.support";

/**
 * Trusted documents (docs/api.md): in production the public endpoint runs the web app's operations by
 * hash and nothing else; outside production, or with ALLOW_ARBITRARY_OPERATIONS=true, full documents
 * run too (Apollo Sandbox). The production server runs as a real process, as an operator starts it.
 */

const WEB_MANIFEST = path.join(REPO, "apps", "web", "src", "gql", "persisted-documents.json");
const { work, writeManifest, production, refused } = productionWorkspace("portal-trusted-");

/** The web app's operations as codegen lists them, without a Vite build (codegen alone is quick). */
let web: Record<string, string>;
/** Two of them, in a manifest of the test's own: the server under test does not need a web build. */
let portalCopy: string;
let signOut: string;
let manifest: string;
beforeAll(() => {
  web = codegenManifest(WEB_MANIFEST);
  portalCopy = named(web, "PortalCopy");
  signOut = named(web, "SignOut");
  manifest = writeManifest("fixture", [portalCopy, signOut]);
}, 60_000);

test("the web app's manifest validates against the server's schema, each hash the SHA-256 of its document", async () => {
  const documents = readTrustedDocuments(WEB_MANIFEST, await buildAppSchema());
  expect(documents.size).toBe(Object.keys(web).length);
  expect([...documents.operationNames()]).toEqual(
    expect.arrayContaining(["SelfEnroll", "CompleteEnrollment", "SignIn", "MyContracts"]),
  );
});

type PortalData = { __typename: string; portalName?: string };

const post = (url: string, body: unknown) => postTo<PortalData>(`${url}/graphql`, body);

async function get(url: string, params: Record<string, string>): Promise<Answer<PortalData>> {
  const response = await fetch(`${url}/graphql?${new URLSearchParams(params).toString()}`, {
    // Apollo's CSRF prevention asks a GET operation for a header a simple request cannot carry.
    headers: { "apollo-require-preflight": "true" },
  });
  return { status: response.status, body: (await response.json()) as Answer<PortalData>["body"] };
}

describe("a production start: only the web app's operations, by hash", () => {
  let api: ApiProcess;
  beforeAll(async () => {
    api = await production({ TRUSTED_DOCUMENTS_FILE: manifest });
  }, 60_000);
  afterAll(() => api?.kill());

  test("says at start which manifest it runs and how many operations", () => {
    expect(logged(api.lines, /^trusted documents loaded$/)).toMatchObject([
      { file: manifest, operations: 2, mode: "trusted documents only" },
    ]);
  });

  test("an arbitrary query or mutation is refused with 400 and TRUSTED_DOCUMENTS_ONLY", async () => {
    for (const query of ["{ __typename }", signOut, "mutation { signOut { __typename } }"]) {
      const answer = await post(api.url, { query });
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toEqual([
        {
          message: expect.stringMatching(/^Only the web app's operations are accepted here/),
          extensions: { code: "TRUSTED_DOCUMENTS_ONLY" },
        },
      ]);
    }
  });

  test("a query and a mutation of the manifest run by their hash alone", async () => {
    const copy = await post(api.url, byHash(portalCopy, { language: "EN" }));
    expect(copy.status).toBe(200);
    expect(copy.body.data?.portalCopy?.portalName).toBe("Customer Portal");
    const out = await post(api.url, byHash(signOut));
    expect(out).toMatchObject({
      status: 200,
      body: { data: { signOut: { __typename: "SignedOut" } } },
    });
  });

  test("a hash runs the server's copy of its document, whatever query comes with it", async () => {
    const answer = await post(api.url, {
      ...byHash(signOut),
      query: "{ __schema { types { name } } }",
    });
    expect(answer).toMatchObject({ status: 200, body: { data: { signOut: {} } } });
  });

  test("an unknown or malformed hash is refused with 400 and PERSISTED_QUERY_NOT_FOUND", async () => {
    for (const persistedQuery of [
      { version: 1, sha256Hash: sha256("query Other { __typename }") },
      { version: 1 },
      "yes",
    ]) {
      const answer = await post(api.url, { extensions: { persistedQuery } });
      expect({ status: answer.status, code: code(answer) }).toEqual({
        status: 400,
        code: "PERSISTED_QUERY_NOT_FOUND",
      });
    }
  });

  test("GET: a query parameter is refused, a hash runs, the landing page still answers", async () => {
    const full = await get(api.url, { query: "{ __typename }" });
    expect({ status: full.status, code: code(full) }).toEqual({
      status: 400,
      code: "TRUSTED_DOCUMENTS_ONLY",
    });
    const hashed = await get(api.url, {
      variables: JSON.stringify({ language: "FR_CA" }),
      extensions: JSON.stringify(byHash(portalCopy).extensions),
    });
    expect(hashed.status).toBe(200);
    expect(hashed.body.data?.portalCopy?.portalName).toEqual(expect.any(String));
    const unknown = await get(api.url, {
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } }),
    });
    expect(code(unknown)).toBe("PERSISTED_QUERY_NOT_FOUND");
    const landing = await fetch(`${api.url}/graphql`, { headers: { accept: "text/html" } });
    expect(landing.status).toBe(200);
    expect(landing.headers.get("content-type")).toMatch(/text\/html/);
  });

  test("a batch is refused", async () => {
    const answer = await post(api.url, [byHash(signOut)]);
    expect({ status: answer.status, code: code(answer) }).toEqual({
      status: 400,
      code: "TRUSTED_DOCUMENTS_ONLY",
    });
  });
});

describe("a production start stops with a clear message", () => {
  test("when the manifest is missing", async () => {
    const file = path.join(work, "not-built", "persisted-documents.json");
    const message = await refused({ TRUSTED_DOCUMENTS_FILE: file });
    expect(message).toMatch(/exited \(1\) before listening/);
    expect(message).toContain(
      `Invalid configuration:\n  - TRUSTED_DOCUMENTS_FILE: ${file} does not exist`,
    );
    expect(message).toContain("ALLOW_ARBITRARY_OPERATIONS=true");
    // Said plainly, not as a stack trace.
    expect(message).not.toMatch(/\n\s+at /);
  });

  test("when the default manifest (in WEB_DIST_DIR) is missing", async () => {
    const message = await refused({ WEB_DIST_DIR: path.join(work, "no-dist") });
    expect(message).toContain(path.join(work, "no-dist", ".vite", "persisted-documents.json"));
  });

  test("when the manifest was built for another schema (stale), naming the file and the operation", async () => {
    const stale = portalCopy
      .replace("PortalCopy", "OldPortalCopy")
      .replace(" supportHours", " openingHours");
    expect(parse(stale)).toBeDefined();
    const file = writeManifest("stale", [signOut, stale]);
    const message = await refused({ TRUSTED_DOCUMENTS_FILE: file });
    expect(message).toContain(
      `TRUSTED_DOCUMENTS_FILE: ${file}: operation ${sha256(stale).slice(0, 12)}`,
    );
    expect(message).toMatch(
      /OldPortalCopy does not validate against this server's schema \(Cannot query field "openingHours"/,
    );
  });

  test("when a hash is not the SHA-256 of its document", async () => {
    const file = path.join(work, "edited.json");
    writeFileSync(file, JSON.stringify({ [sha256(signOut)]: `${signOut} ` }));
    expect(await refused({ TRUSTED_DOCUMENTS_FILE: file })).toContain(
      "its hash is not the SHA-256 of its document",
    );
  });
});

test("production with ALLOW_ARBITRARY_OPERATIONS=true runs a full document, and the manifest's hashes", async () => {
  const app = await startTestApp(undefined, {
    NODE_ENV: "production",
    SMTP_URL: "smtp://127.0.0.1:1",
    IP_HASH_SECRET: "a-long-random-production-secret",
    ALLOW_ARBITRARY_OPERATIONS: "true",
    TRUSTED_DOCUMENTS_FILE: manifest,
  });
  try {
    expect(await app.graphql(`{ enrollmentFieldLimits { field } }`)).toMatchObject({ status: 200 });
    expect(await post(app.server.url, byHash(signOut))).toMatchObject({ status: 200 });
  } finally {
    await app.close();
  }
});

describe("in development", () => {
  test("without a manifest, full documents run and Apollo Sandbox is served", async () => {
    const app = await startTestApp(undefined, { NODE_ENV: "development" });
    try {
      const answer = await app.graphql(`{ __schema { queryType { name } } }`);
      expect(answer).toMatchObject({ status: 200, body: { data: { __schema: {} } } });
      const sandbox = await fetch(`${app.server.url}/graphql`, {
        headers: { accept: "text/html" },
      });
      expect(sandbox.status).toBe(200);
      expect(await sandbox.text()).toMatch(/sandbox/i);
    } finally {
      await app.close();
    }
  });

  test("with the manifest, hashes run beside full documents; an unknown hash is Apollo's to answer", async () => {
    const app = await startTestApp(undefined, {
      NODE_ENV: "development",
      TRUSTED_DOCUMENTS_FILE: manifest,
    });
    try {
      expect(await post(app.server.url, byHash(signOut))).toMatchObject({ status: 200 });
      expect(await app.graphql(`mutation { signOut { __typename } }`)).toMatchObject({
        status: 200,
      });
      const unknown = await post(app.server.url, {
        extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
      });
      // Automatic persisted queries are off (AUTOMATIC_PERSISTED_QUERIES), as before.
      expect(code(unknown)).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    } finally {
      await app.close();
    }
  });
});
