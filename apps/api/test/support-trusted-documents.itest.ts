import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type ApiProcess, logged, startTestApp } from "@portal/test-support";
import { buildSupportSchema } from "../src/graphql/support-schema";
import { SUPPORT_MANIFEST, readTrustedDocuments } from "../src/graphql/trusted-documents";
import {
  REPO,
  byHash,
  code,
  codegenManifest,
  named,
  postTo as post,
  productionWorkspace,
  readManifest,
} from "./trusted-documents.support";

/**
 * Trusted documents on the support endpoint (docs/api.md): where the support console is on, a
 * production /support/graphql runs the staff pages' operations by hash, from their own manifest
 * (SUPPORT_TRUSTED_DOCUMENTS_FILE), and nothing else; and the web app's staff pages are served at
 * /support/… while the console is on.
 */

const WEB = path.join(REPO, "apps", "web", "src");
const STAFF_MANIFEST = path.join(WEB, "support", "gql", "persisted-documents.json");
const CUSTOMER_MANIFEST = path.join(WEB, "gql", "persisted-documents.json");
const STAFF_SECRET_KEY = "a-production-staff-secret-key-of-32-characters-at-least";

const { work, writeManifest, production, refused } = productionWorkspace(
  "portal-support-trusted-",
  () => ({ TRUSTED_DOCUMENTS_FILE: customerManifest }),
);

let staffPages: Record<string, string>;
let staffMe: string;
let staffSignIn: string;
let signOut: string;
let customerManifest: string;
let supportManifest: string;
beforeAll(() => {
  // Codegen writes both manifests (customer and staff pages) without a Vite build.
  staffPages = codegenManifest(STAFF_MANIFEST);
  const customerPages = readManifest(CUSTOMER_MANIFEST);
  staffMe = named(staffPages, "StaffMe");
  staffSignIn = named(staffPages, "StaffSignIn");
  signOut = named(customerPages, "SignOut");
  customerManifest = writeManifest("customer", [signOut]);
  supportManifest = writeManifest("support", [staffMe, staffSignIn]);
}, 60_000);

test("the staff pages' manifest validates against the support schema, each hash the SHA-256 of its document", async () => {
  const documents = readTrustedDocuments(
    STAFF_MANIFEST,
    await buildSupportSchema(),
    SUPPORT_MANIFEST,
  );
  expect(documents.size).toBe(Object.keys(staffPages).length);
  expect([...documents.operationNames()]).toEqual(
    expect.arrayContaining([
      "StaffCompleteInvite",
      "StaffSignIn",
      "PortalUsers",
      "PortalUser",
      "EnrollmentAttempts",
      "ExplainEligibility",
      "DeactivatePortalUser",
      "RevokeGrant",
    ]),
  );
});

describe("a production start with the support console on: only the staff pages' operations, by hash", () => {
  let api: ApiProcess;
  beforeAll(async () => {
    api = await production({
      STAFF_SECRET_KEY,
      SUPPORT_TRUSTED_DOCUMENTS_FILE: supportManifest,
    });
  }, 60_000);
  afterAll(() => api?.kill());

  test("says at start which manifest each endpoint runs", () => {
    expect(logged(api.lines, /^trusted documents loaded$/)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpoint: "/graphql", file: customerManifest, operations: 1 }),
        expect.objectContaining({
          endpoint: "/support/graphql",
          file: supportManifest,
          operations: 2,
          mode: "trusted documents only",
        }),
      ]),
    );
  });

  test("a full document is refused with 400 and TRUSTED_DOCUMENTS_ONLY, a staff page's own included", async () => {
    for (const query of ["{ staffMe { email } }", staffMe]) {
      const answer = await post(`${api.url}/support/graphql`, { query });
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(code(answer)).toBe("TRUSTED_DOCUMENTS_ONLY");
    }
  });

  test("a query and a mutation of the staff pages run by their hash alone", async () => {
    expect(await post(`${api.url}/support/graphql`, byHash(staffMe))).toMatchObject({
      status: 200,
      body: { data: { staffMe: null } },
    });
    const signIn = await post(
      `${api.url}/support/graphql`,
      byHash(staffSignIn, {
        input: { email: "nobody@lessor.example", password: "not the password", code: "000000" },
      }),
    );
    expect(signIn).toMatchObject({
      status: 200,
      body: { data: { staffSignIn: { __typename: "StaffSignInFailed" } } },
    });
  });

  test("each endpoint knows only its own pages' hashes", async () => {
    const unknown = await post(`${api.url}/support/graphql`, byHash("query Other { __typename }"));
    expect({ status: unknown.status, code: code(unknown) }).toEqual({
      status: 400,
      code: "PERSISTED_QUERY_NOT_FOUND",
    });
    expect(code(await post(`${api.url}/support/graphql`, byHash(signOut)))).toBe(
      "PERSISTED_QUERY_NOT_FOUND",
    );
    expect(code(await post(`${api.url}/graphql`, byHash(staffMe)))).toBe(
      "PERSISTED_QUERY_NOT_FOUND",
    );
    expect(await post(`${api.url}/graphql`, byHash(signOut))).toMatchObject({ status: 200 });
  });
});

describe("a production start", () => {
  test("with the console on stops when the staff pages' manifest is missing, saying how to go on", async () => {
    const file = path.join(work, "not-built", "support-persisted-documents.json");
    const message = await refused({ STAFF_SECRET_KEY, SUPPORT_TRUSTED_DOCUMENTS_FILE: file });
    expect(message).toMatch(/exited \(1\) before listening/);
    expect(message).toContain(
      `Invalid configuration:\n  - SUPPORT_TRUSTED_DOCUMENTS_FILE: ${file} does not exist`,
    );
    expect(message).toContain("/support/graphql");
    expect(message).toContain("ALLOW_ARBITRARY_OPERATIONS=true");
    expect(message).toContain("leave STAFF_SECRET_KEY unset");
    expect(message).not.toMatch(/\n\s+at /);
  });

  test("with the console on stops when the staff pages' manifest was built for another schema", async () => {
    // A customer page's operation does not validate against the support schema.
    const file = writeManifest("wrong-schema", [staffMe, signOut]);
    const message = await refused({ STAFF_SECRET_KEY, SUPPORT_TRUSTED_DOCUMENTS_FILE: file });
    expect(message).toContain(`SUPPORT_TRUSTED_DOCUMENTS_FILE: ${file}: operation`);
    expect(message).toMatch(/SignOut does not validate against this server's schema/);
  });

  test("with the console off needs no staff pages' manifest, and /support/graphql is 404", async () => {
    const api = await production({
      SUPPORT_TRUSTED_DOCUMENTS_FILE: path.join(work, "absent.json"),
    });
    try {
      const answer = await fetch(`${api.url}/support/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(byHash(staffMe)),
      });
      expect(answer.status).toBe(404);
      expect(logged(api.lines, /^trusted documents loaded$/)).toEqual([
        expect.objectContaining({ endpoint: "/graphql" }),
      ]);
    } finally {
      await api.kill();
    }
  }, 60_000);
});

describe("the web app's pages", () => {
  /** A built web app with both entries, each saying which it is. */
  const dist = path.join(work, "dist");
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>customer pages</title>");
  writeFileSync(path.join(dist, "support.html"), "<!doctype html><title>staff pages</title>");
  const page = async (url: string) => {
    const response = await fetch(url, { headers: { accept: "text/html" } });
    return { status: response.status, text: await response.text() };
  };

  test("/support and its pages get the staff pages' entry, /support/graphql never; the rest the customer pages'", async () => {
    const app = await startTestApp(undefined, { WEB_DIST_DIR: dist });
    try {
      const url = app.server.url;
      for (const route of ["/support", "/support/", "/support/sign-in", "/support/users/42"])
        expect({ route, ...(await page(`${url}${route}?token=x`)) }).toMatchObject({
          route,
          status: 200,
          text: expect.stringContaining("staff pages"),
        });
      const endpoint = await page(`${url}/support/graphql`);
      expect(endpoint.text).not.toContain("staff pages");
      expect(endpoint.text).not.toContain("customer pages");
      for (const route of ["/register", "/supportive", "/sign-in"])
        expect({ route, ...(await page(`${url}${route}`)) }).toMatchObject({
          route,
          text: expect.stringContaining("customer pages"),
        });
    } finally {
      await app.close();
    }
  });

  test("with the console off, /support pages are the customer pages' (their 'Page not found')", async () => {
    const app = await startTestApp(undefined, {
      NODE_ENV: "production",
      WEB_DIST_DIR: dist,
      SMTP_URL: "smtp://127.0.0.1:1",
      IP_HASH_SECRET: "a-long-random-production-secret",
      ALLOW_ARBITRARY_OPERATIONS: "true",
    });
    try {
      expect((await page(`${app.server.url}/support/sign-in`)).text).toContain("customer pages");
      expect((await page(`${app.server.url}/support/graphql`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
