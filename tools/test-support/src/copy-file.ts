import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Writes the shipped config/portal-copy.json with some fields replaced, and returns its path. */
export function writeCopyFile(changes: Record<string, unknown>): string {
  const shipped = JSON.parse(
    readFileSync(path.join(__dirname, "..", "..", "..", "config", "portal-copy.json"), "utf8"),
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), "portal-copy-")), "portal-copy.json");
  writeFileSync(file, JSON.stringify({ ...shipped, ...changes }));
  return file;
}
