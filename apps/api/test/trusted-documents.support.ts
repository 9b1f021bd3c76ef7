import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kind, parse } from "graphql";
import { type ApiProcess, startApiProcess } from "@portal/test-support";

/** What the trusted-documents tests of both endpoints share: manifests, requests, production starts. */

export const REPO = path.join(__dirname, "..", "..", "..");
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Runs the web app's codegen (both manifests, without a Vite build) and reads one it wrote. */
export function codegenManifest(file: string): Record<string, string> {
  execFileSync("pnpm", ["--filter", "@portal/web", "run", "codegen"], { cwd: REPO, stdio: "pipe" });
  return readManifest(file);
}

export function readManifest(file: string): Record<string, string> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}

/** The operation of that name in a codegen manifest (documents may start with a fragment). */
export function named(manifest: Record<string, string>, name: string): string {
  const found = Object.values(manifest).find((document) =>
    parse(document).definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
    ),
  );
  if (!found) throw new Error(`no operation ${name}`);
  return found;
}

export type Answer<Data = Record<string, unknown> | null> = {
  status: number;
  body: {
    data?: Record<string, Data>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
};

/** POSTs a GraphQL request (or batch) to the endpoint at `url`. */
export async function postTo<Data>(url: string, body: unknown): Promise<Answer<Data>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer<Data>["body"] };
}

export const byHash = (document: string, variables?: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } },
});
export const code = (answer: Answer<unknown>) => answer.body.errors?.[0]?.extensions?.code;

/**
 * A scratch folder for the test file (removed after it), manifests written into it as the web build
 * writes them (hash → document), and production starts of the built API (embedded database there)
 * with `defaults` and then `env` on top.
 */
export function productionWorkspace(
  prefix: string,
  defaults: () => Record<string, string> = () => ({}),
) {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function writeManifest(name: string, documents: string[]): string {
    const file = path.join(work, `${name}.json`);
    writeFileSync(file, JSON.stringify(Object.fromEntries(documents.map((d) => [sha256(d), d]))));
    return file;
  }

  function production(env: Record<string, string>): Promise<ApiProcess> {
    return startApiProcess({
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      DATA_DIR: mkdtempSync(path.join(work, "data-")),
      // Nothing here sends mail.
      SMTP_URL: "smtp://127.0.0.1:1",
      PUBLIC_URL: "http://portal.test",
      IP_HASH_SECRET: "a-long-random-production-secret",
      ...defaults(),
      ...env,
    });
  }

  /** The message a production start with `env` stopped with (it fails the test if it started). */
  async function refused(env: Record<string, string>): Promise<string> {
    const error = await production(env).then(
      async (api) => {
        await api.kill();
        throw new Error("the process started");
      },
      (e: unknown) => e as Error,
    );
    return error.message;
  }

  return { work, writeManifest, production, refused };
}
