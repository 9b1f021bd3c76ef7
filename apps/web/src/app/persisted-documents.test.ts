import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Kind, parse } from "graphql";

/**
 * The trusted-documents manifests are what production runs by hash (docs/api.md): they must hold the
 * pages' operations and nothing a test wrote for itself.
 */

const SRC = path.join(__dirname, "..");
const TEST_FILE = /\.(test|e2e)\.tsx?$/;

/** Every .ts/.tsx under `dir`, without codegen's output. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes("gql"));
}

function operationNames(manifestFile: string): string[] {
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, string>;
  return Object.values(manifest).flatMap((document) =>
    parse(document).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    ),
  );
}

/** The files that write an operation of that name. */
function definedIn(files: string[], name: string): string[] {
  const definition = new RegExp(`\\b(query|mutation|subscription)\\s+${name}\\b`);
  return files.filter((file) => definition.test(readFileSync(file, "utf8")));
}

describe.each([
  ["customer pages", path.join(SRC, "gql", "persisted-documents.json")],
  ["staff pages", path.join(SRC, "support", "gql", "persisted-documents.json")],
])("the %s' manifest", (_pages, manifestFile) => {
  const files = sources(SRC);

  test("holds only operations written in page sources, none from a test file", () => {
    const names = operationNames(manifestFile);
    expect(names.length).toBeGreaterThan(5);
    const fromTestsOnly = names.filter((name) =>
      definedIn(files, name).every((file) => TEST_FILE.test(file)),
    );
    expect(fromTestsOnly).toEqual([]);
  });
});
