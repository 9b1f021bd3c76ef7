import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { type GraphQLSchema, Kind, parse, validate } from "graphql";
import { z } from "zod";
import { ConfigError } from "../config/config-error";
import type { Logger } from "../logging/logger";

/** One operation of the web app, as the web build listed it (codegen's persisted-documents.json). */
export interface TrustedDocument {
  /** SHA-256 (hex) of `document`: what the client sends as `extensions.persistedQuery.sha256Hash`. */
  hash: string;
  document: string;
  operationName: string;
}

/**
 * The operations an endpoint runs by hash (docs/api.md, "Trusted documents"): the public one the
 * customer pages', the support endpoint the staff pages'. Loaded and checked once at start, never
 * changed while the process runs.
 */
export class TrustedDocuments {
  private readonly names: ReadonlySet<string>;

  constructor(
    private readonly byHash: ReadonlyMap<string, TrustedDocument>,
    /** The manifest they came from; null when none was loaded. */
    readonly file: string | null,
  ) {
    this.names = new Set([...byHash.values()].map((d) => d.operationName));
  }

  static none(): TrustedDocuments {
    return new TrustedDocuments(new Map(), null);
  }

  lookup(hash: string): TrustedDocument | undefined {
    return this.byHash.get(hash);
  }

  /** The web app's operation names: a bounded set, fixed at start. */
  operationNames(): ReadonlySet<string> {
    return this.names;
  }

  get size(): number {
    return this.byHash.size;
  }
}

/**
 * Which endpoint a manifest serves, for the messages and logs about it: the public `/graphql` runs
 * the customer pages' operations, `/support/graphql` the staff pages' (both built by apps/web).
 */
export interface ManifestKind {
  endpoint: "/graphql" | "/support/graphql";
  /** The variable that names the file. */
  variable: "TRUSTED_DOCUMENTS_FILE" | "SUPPORT_TRUSTED_DOCUMENTS_FILE";
  /** What it lists, for messages. */
  operations: string;
  /** The file the web build writes (apps/web/vite.config.ts). */
  fileName: string;
  /** One more way out when it is missing, said last. */
  orElse: string;
}

export const PUBLIC_MANIFEST: ManifestKind = {
  endpoint: "/graphql",
  variable: "TRUSTED_DOCUMENTS_FILE",
  operations: "the web app's operations",
  fileName: "persisted-documents.json",
  orElse: "",
};

export const SUPPORT_MANIFEST: ManifestKind = {
  endpoint: "/support/graphql",
  variable: "SUPPORT_TRUSTED_DOCUMENTS_FILE",
  operations: "the support console pages' operations",
  fileName: "support-persisted-documents.json",
  orElse: ", or leave STAFF_SECRET_KEY unset (the support console is then off)",
};

/** Hash → document; whether each key is its document's SHA-256 is checked entry by entry. */
const manifestSchema = z.record(z.string(), z.string().min(1));

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Why one manifest entry cannot be run, or its operation's name. */
function checkEntry(
  hash: string,
  document: string,
  schema: GraphQLSchema,
): { operationName: string } | { problem: string } {
  if (sha256(document) !== hash) {
    return { problem: "its hash is not the SHA-256 of its document (the file was edited?)" };
  }
  let ast;
  try {
    ast = parse(document);
  } catch (error) {
    return { problem: `its document does not parse: ${(error as Error).message}` };
  }
  const operations = ast.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operationName = operations[0]?.name?.value;
  if (operations.length !== 1 || !operationName) {
    return { problem: "its document must hold exactly one named operation" };
  }
  const errors = validate(schema, ast);
  if (errors.length > 0) {
    return {
      problem: `${operationName} does not validate against this server's schema (${errors[0]!.message}): the web app was built for another schema, build it again with this API`,
    };
  }
  return { operationName };
}

/**
 * Reads the web build's manifest and checks every entry: the hash is the SHA-256 of exactly its
 * document, the document parses and validates against `schema`. A bad file throws a ConfigError
 * naming the file and the first bad operation: a manifest built for another schema would let the
 * web app fail one operation at a time, long after the start.
 */
export function readTrustedDocuments(
  file: string,
  schema: GraphQLSchema,
  kind: ManifestKind = PUBLIC_MANIFEST,
): TrustedDocuments {
  const fail = (problem: string) => new ConfigError([`${kind.variable}: ${file}: ${problem}`]);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw fail(`cannot read it as JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(`not a manifest of { hash: document }: ${issue.path.join(".")} ${issue.message}`);
  }
  const entries = Object.entries(parsed.data);
  if (entries.length === 0) throw fail("it lists no operation");
  const byHash = new Map<string, TrustedDocument>();
  const problems: string[] = [];
  for (const [hash, document] of entries) {
    const checked = checkEntry(hash, document, schema);
    if ("problem" in checked) problems.push(`operation ${hash.slice(0, 12)}: ${checked.problem}`);
    else byHash.set(hash, { hash, document, operationName: checked.operationName });
  }
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    throw fail(`${problems[0]}${more}`);
  }
  return new TrustedDocuments(byHash, file);
}

export interface TrustedDocumentsSettings {
  file: string;
  /** Full documents are accepted as well (development, or an explicit ALLOW_ARBITRARY_OPERATIONS). */
  allowArbitraryOperations: boolean;
  production: boolean;
  /** The public endpoint's manifest unless told otherwise. */
  kind?: ManifestKind;
}

/**
 * The manifest as the mode needs it at start. Where only trusted documents run, or in production, a
 * missing (trusted only) or bad manifest stops the start (ConfigError). Otherwise full documents keep
 * working without it, so a missing one is only noted, and a bad one is ignored with a warning (in
 * development the last build's manifest is often behind the schema being edited).
 */
export function loadTrustedDocuments(
  settings: TrustedDocumentsSettings,
  schema: GraphQLSchema,
  log: Logger,
): TrustedDocuments {
  const kind = settings.kind ?? PUBLIC_MANIFEST;
  const strict = !settings.allowArbitraryOperations;
  const mode = strict ? "trusted documents only" : "trusted and full documents";
  const about = { endpoint: kind.endpoint, file: settings.file, mode };
  if (!existsSync(settings.file)) {
    if (strict) {
      throw new ConfigError([
        `${kind.variable}: ${settings.file} does not exist. Only ${kind.operations} are accepted on ${kind.endpoint} (ALLOW_ARBITRARY_OPERATIONS=false) and this file lists them: build the web app (pnpm build), point ${kind.variable} at its ${kind.fileName}, or set ALLOW_ARBITRARY_OPERATIONS=true${kind.orElse}`,
      ]);
    }
    log[settings.production ? "warn" : "info"](
      about,
      "no trusted documents manifest: full documents only (a built web app sends hashes and needs it)",
    );
    return TrustedDocuments.none();
  }
  let documents: TrustedDocuments;
  try {
    documents = readTrustedDocuments(settings.file, schema, kind);
  } catch (error) {
    if (strict || settings.production) throw error;
    log.warn(
      { ...about, problem: (error as Error).message },
      "trusted documents manifest ignored: full documents only",
    );
    return TrustedDocuments.none();
  }
  log.info({ ...about, operations: documents.size }, "trusted documents loaded");
  return documents;
}
