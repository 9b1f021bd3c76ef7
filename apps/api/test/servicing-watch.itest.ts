import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createTestDatabase, servicingFixture, waitUntil } from "@portal/test-support";
import type { Database } from "../src/db/database";
import { watchDropFolder } from "../src/servicing/drop-folder";
import { sourceForPaths } from "../src/servicing/servicing-file.source";
import { importServicingSource } from "../src/servicing/servicing-import.service";
import { prepareDatabase, startWatcher } from "./servicing-watch.support";

const tmp = mkdtempSync(path.join(os.tmpdir(), "drop-folder-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const contactIds = async (db: Database) =>
  (await db.prisma.servicingContact.findMany({ orderBy: { id: "asc" } })).map((c) => c.id);

test("the drop folder imports each stable file or CSV folder in name order and never loses one", async () => {
  const { db, drop } = await createTestDatabase();
  const folder = path.join(tmp, "in-process");
  mkdirSync(folder);
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const imported: string[] = [];
  // Waiting in the folder before the watch starts: the fixture, a refused file, a CSV delta, and a
  // file still being written (.part).
  writeFileSync(path.join(folder, "2026-12-01.json"), JSON.stringify(servicingFixture));
  writeFileSync(
    path.join(folder, "2026-12-02.json"),
    JSON.stringify({
      contracts: [{ contractId: "X-1", customerId: "C-NOBODY", status: "BOOKED" }],
    }),
  );
  mkdirSync(path.join(folder, "2026-12-03"));
  writeFileSync(path.join(folder, "2026-12-03", "removed.csv"), "entity,id\ncontact,K-2\n");
  writeFileSync(path.join(folder, "2026-12-04.json.part"), "{");
  writeFileSync(path.join(folder, "notes.txt"), "not an export");

  const stop = new AbortController();
  const watching = watchDropFolder({
    folder,
    log,
    pollIntervalMs: 50,
    signal: stop.signal,
    importEntry: (fullPath) => {
      imported.push(path.basename(fullPath));
      return importServicingSource(db, sourceForPaths([fullPath]));
    },
  });
  try {
    await waitUntil(
      async () => [
        list(path.join(folder, "processed")).length,
        list(path.join(folder, "failed")).length,
      ],
      ([processed, failed]) => processed === 2 && failed === 4,
    );
    expect(imported).toEqual(["2026-12-01.json", "2026-12-02.json", "2026-12-03", "notes.txt"]);
    expect(list(path.join(folder, "processed"))).toEqual(["2026-12-01.json", "2026-12-03"]);
    expect(list(path.join(folder, "failed"))).toEqual([
      "2026-12-02.json",
      "2026-12-02.json.errors.txt",
      "notes.txt",
      "notes.txt.errors.txt",
    ]);
    expect(
      readFileSync(path.join(folder, "failed", "2026-12-02.json.errors.txt"), "utf8"),
    ).toContain(
      'contracts[0] (contractId "X-1"): customerId: no customer "C-NOBODY" in the file or the database',
    );
    expect(readFileSync(path.join(folder, "failed", "notes.txt.errors.txt"), "utf8")).toContain(
      "notes.txt: not a .json file, nor a folder of CSV files",
    );
    expect(await contactIds(db)).toEqual(["K-1"]);
    expect(list(folder)).toEqual(["2026-12-04.json.part", "failed", "processed"]);

    // The writer finishes: renamed, then imported. The same name again is kept beside the first.
    writeFileSync(
      path.join(folder, "2026-12-04.json.part"),
      JSON.stringify({ contacts: [servicingFixture.contacts[1]] }),
    );
    renameSync(path.join(folder, "2026-12-04.json.part"), path.join(folder, "2026-12-01.json"));
    await waitUntil(
      async () => list(path.join(folder, "processed")).length,
      (n) => n === 3,
    );
    expect(await contactIds(db)).toEqual(["K-1", "K-2"]);
    expect(list(path.join(folder, "processed"))[1]).toMatch(/^2026-12-01\.json\.\d{4}-/);
    const results = await waitUntil(
      async () =>
        logs.filter((l) => l.msg === "imported" || String(l.msg).includes("moved to failed")),
      (l) => l.length === 5,
    );
    expect(results.map((l) => l.file)).toEqual([
      "2026-12-01.json",
      "2026-12-02.json",
      "2026-12-03",
      "notes.txt",
      "2026-12-01.json",
    ]);
  } finally {
    stop.abort();
    await watching;
    await drop();
  }
});

test("a file that grows between listings waits until it stops changing", async () => {
  const { db, drop } = await createTestDatabase();
  const folder = path.join(tmp, "growing");
  mkdirSync(folder);
  const file = path.join(folder, "a.json");
  const text = JSON.stringify(servicingFixture);
  writeFileSync(file, text.slice(0, 100));
  const stop = new AbortController();
  const watching = watchDropFolder({
    folder,
    log: pino({ level: "silent" }),
    pollIntervalMs: 300,
    signal: stop.signal,
    importEntry: (fullPath) => importServicingSource(db, sourceForPaths([fullPath])),
  });
  try {
    // Appended every 100 ms for a second: never unchanged for a whole interval, so never taken.
    for (let at = 100; at < text.length; at += Math.ceil(text.length / 10)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      writeFileSync(file, text.slice(0, at + Math.ceil(text.length / 10)));
      expect(list(folder)).toContain("a.json");
    }
    await waitUntil(
      async () => list(path.join(folder, "processed")),
      (l) => l.length === 1,
    );
    expect(list(path.join(folder, "failed"))).toEqual([]);
    expect(await db.prisma.servicingCustomer.count()).toBe(7);
  } finally {
    stop.abort();
    await watching;
    await drop();
  }
});

test("pnpm servicing:watch runs as a process, logs each result and stops cleanly on SIGTERM", async () => {
  const folder = path.join(tmp, "process");
  mkdirSync(folder);
  const database = await prepareDatabase(tmp);
  const watcher = startWatcher(folder, database.env);
  const { child, lines } = watcher;
  try {
    await watcher.watching(20_000);
    writeFileSync(path.join(folder, "servicing.json"), JSON.stringify(servicingFixture));
    await waitUntil(async () => lines.find((l) => l.msg === "imported"), Boolean, 20_000);
    expect(lines.find((l) => l.msg === "imported")).toMatchObject({
      file: "servicing.json",
      movedTo: "processed/servicing.json",
      customers: { inserted: 7 },
    });
    child.kill("SIGTERM");
    expect(await watcher.exited).toBe(0);
    expect(lines.at(-1)).toMatchObject({ msg: "drop folder watch stopped" });
    expect(watcher.stderr()).toBe("");
  } finally {
    child.kill("SIGKILL");
    await database.drop();
  }
});
