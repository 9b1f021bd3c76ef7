import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GraphQLSchema } from "graphql";
import pino from "pino";
import { ConfigError } from "../config/config-error";
import { buildAppSchema } from "./schema";
import { loadTrustedDocuments, readTrustedDocuments } from "./trusted-documents";

/** Two of the web app's operations, as codegen writes them into its manifest. */
const PORTAL_COPY =
  "query PortalCopy($language: Language!) { __typename portalCopy(language: $language) { __typename language portalName supportEmail } }";
const SIGN_OUT = "mutation SignOut { __typename signOut { __typename } }";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function write(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "trusted-")), "persisted-documents.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}
const manifest = (...documents: string[]) =>
  write(Object.fromEntries(documents.map((d) => [sha256(d), d])));

/** A logger whose lines the test reads. */
function capture() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { log, lines };
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

test("a good manifest is looked up by hash and names its operations", () => {
  const documents = readTrustedDocuments(manifest(PORTAL_COPY, SIGN_OUT), schema);
  expect(documents.size).toBe(2);
  expect(documents.lookup(sha256(SIGN_OUT))).toEqual({
    hash: sha256(SIGN_OUT),
    document: SIGN_OUT,
    operationName: "SignOut",
  });
  expect(documents.lookup(sha256(`${SIGN_OUT} `))).toBeUndefined();
  expect([...documents.operationNames()].sort()).toEqual(["PortalCopy", "SignOut"]);
});

test("a hash that is not the SHA-256 of its document is refused, naming the file and the operation", () => {
  const file = write({ [sha256(PORTAL_COPY)]: PORTAL_COPY, [sha256("other")]: SIGN_OUT });
  const read = () => readTrustedDocuments(file, schema);
  expect(read).toThrow(ConfigError);
  expect(read).toThrow(file);
  expect(read).toThrow(`operation ${sha256("other").slice(0, 12)}: its hash is not the SHA-256`);
});

test("a document built for another schema (stale) is refused, naming the operation and the field", () => {
  const stale = "query MyContracts { me { email loyaltyTier } }";
  const read = () => readTrustedDocuments(manifest(PORTAL_COPY, stale), schema);
  expect(read).toThrow(
    /MyContracts does not validate against this server's schema \(Cannot query field "loyaltyTier"/,
  );
  expect(read).toThrow(/built for another schema/);
});

test("only the first bad operation is spelled out, with a count of the others", () => {
  const file = manifest("query A { nope }", "query B { nope }");
  expect(() => readTrustedDocuments(file, schema)).toThrow(/A does not validate.*\(and 1 more\)/);
});

test("a file that is not JSON, not a manifest, empty or holding an unnamed operation is refused", () => {
  expect(() => readTrustedDocuments(write("{ nope"), schema)).toThrow(/cannot read it as JSON/);
  expect(() => readTrustedDocuments(write({ SignOut: SIGN_OUT }), schema)).toThrow(
    "operation SignOut: its hash is not the SHA-256 of its document",
  );
  expect(() => readTrustedDocuments(write([SIGN_OUT]), schema)).toThrow(/not a manifest/);
  expect(() => readTrustedDocuments(write({}), schema)).toThrow(/lists no operation/);
  expect(() => readTrustedDocuments(manifest("{ __typename }"), schema)).toThrow(
    /exactly one named operation/,
  );
});

describe("at start", () => {
  const absent = path.join(tmpdir(), "no-such-folder", "persisted-documents.json");

  test("a missing manifest stops the start where only trusted documents run", () => {
    const { log } = capture();
    const load = () =>
      loadTrustedDocuments(
        { file: absent, allowArbitraryOperations: false, production: true },
        schema,
        log,
      );
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`TRUSTED_DOCUMENTS_FILE: ${absent} does not exist`);
  });

  test("a missing manifest in development means full documents only, said at info", () => {
    const { log, lines } = capture();
    const documents = loadTrustedDocuments(
      { file: absent, allowArbitraryOperations: true, production: false },
      schema,
      log,
    );
    expect(documents.size).toBe(0);
    expect(documents.file).toBeNull();
    expect(lines).toMatchObject([{ level: 30, msg: expect.stringMatching(/full documents only/) }]);
  });

  test("a stale manifest stops a production start even with full documents allowed", () => {
    const { log } = capture();
    const file = manifest("query Gone { removedField }");
    expect(() =>
      loadTrustedDocuments({ file, allowArbitraryOperations: true, production: true }, schema, log),
    ).toThrow(/Gone does not validate/);
  });

  test("a stale manifest in development is ignored with a warning", () => {
    const { log, lines } = capture();
    const file = manifest("query Gone { removedField }");
    const documents = loadTrustedDocuments(
      { file, allowArbitraryOperations: true, production: false },
      schema,
      log,
    );
    expect(documents.size).toBe(0);
    expect(lines).toMatchObject([{ level: 40, msg: expect.stringMatching(/manifest ignored/) }]);
  });

  test("a good manifest is loaded and logged with its size", () => {
    const { log, lines } = capture();
    const file = manifest(PORTAL_COPY, SIGN_OUT);
    const documents = loadTrustedDocuments(
      { file, allowArbitraryOperations: false, production: true },
      schema,
      log,
    );
    expect(documents.file).toBe(file);
    expect(documents.lookup(sha256(PORTAL_COPY))?.operationName).toBe("PortalCopy");
    expect(lines).toMatchObject([{ level: 30, msg: "trusted documents loaded", operations: 2 }]);
  });
});
