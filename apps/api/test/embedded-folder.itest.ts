import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../src/db/database";

test("the embedded database creates its folder, parents included, as on a fresh clone", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "portal-data-"));
  const dataDir = path.join(root, ".data", "pglite");
  try {
    const db = await openDatabase({ kind: "embedded", dataDir });
    expect(await db.migrate()).not.toHaveLength(0);
    await db.close();
    const reopened = await openDatabase({ kind: "embedded", dataDir });
    expect(await reopened.pending()).toEqual([]);
    await reopened.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
