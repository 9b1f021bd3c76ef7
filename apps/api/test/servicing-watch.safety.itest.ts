import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { createTestDatabase, servicingFixture, waitUntil } from "@portal/test-support";
import type { Database } from "../src/db/database";
import { watchDropFolder } from "../src/servicing/drop-folder";
import { sourceForPaths } from "../src/servicing/servicing-file.source";
import {
  type ImportOptions,
  importServicingSource,
} from "../src/servicing/servicing-import.service";

const tmp = mkdtempSync(path.join(os.tmpdir(), "drop-folder-safety-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Runs the watch in this process on `folder` until the returned stop is called. */
function watch(
  db: Database,
  folder: string,
  pollIntervalMs: number,
  options: Pick<ImportOptions, "mode" | "maxRemovalPercent"> = {},
) {
  const imported: string[] = [];
  const stop = new AbortController();
  const watching = watchDropFolder({
    folder,
    log: pino({ level: "silent" }),
    pollIntervalMs,
    signal: stop.signal,
    importEntry: (fullPath) => {
      imported.push(path.basename(fullPath));
      return importServicingSource(db, sourceForPaths([fullPath]), options);
    },
  });
  return {
    imported,
    watching,
    async stop() {
      stop.abort();
      await watching;
    },
  };
}

// 60 contracts of 10 customers, as a servicing system's CSV export.
const CUSTOMERS_CSV =
  "customerId,name,email\n" +
  Array.from({ length: 10 }, (_, i) => `C-${i},Customer ${i},c${i}@example.com\n`).join("");
const CONTRACT_ROWS = Array.from(
  { length: 60 },
  (_, i) =>
    `K-${String(i).padStart(3, "0")},C-${i % 10},BOOKED,,1 Main St,Springfield,IL,62701,US\n`,
);
const CONTRACTS_HEADER =
  "contractId,customerId,status,billToLocationId,billingLine1,billingCity,billingRegion,billingPostalCode,billingCountry\n";

/**
 * Writes a CSV export the way a slow exporter does: customers.csv, then contracts.csv `first` rows
 * at once and the rest in eight chunks, each after a pause. Stops quietly if the folder is taken
 * away mid-write (what happened before: the watch imported it half-written).
 */
async function writeSlowly(dir: string, first: number, pauseMs: number) {
  mkdirSync(dir);
  writeFileSync(path.join(dir, "customers.csv"), CUSTOMERS_CSV);
  const contracts = path.join(dir, "contracts.csv");
  writeFileSync(contracts, CONTRACTS_HEADER + CONTRACT_ROWS.slice(0, first).join(""));
  const chunk = Math.ceil((CONTRACT_ROWS.length - first) / 8);
  for (let at = first; at < CONTRACT_ROWS.length; at += chunk) {
    await sleep(pauseMs);
    if (!existsSync(dir)) return;
    appendFileSync(contracts, CONTRACT_ROWS.slice(at, at + chunk).join(""));
  }
}

describe.each([
  // The reported case: a delta folder imported with 29 of 60 contracts.
  { mode: "delta" as const, first: 30 },
  // A snapshot cut in its last chunks removes less than the 10% guard lets through.
  { mode: "snapshot" as const, first: 52 },
])("a $mode CSV folder written with pauses", ({ mode, first }) => {
  test("is imported whole, once, only after it has stopped changing for two polls", async () => {
    const { db, drop } = await createTestDatabase();
    const folder = path.join(tmp, `slow-${mode}`);
    mkdirSync(folder);
    if (mode === "snapshot") {
      // Yesterday's complete snapshot is stored; today's holds the same 60 contracts.
      const yesterday = path.join(tmp, `yesterday-${mode}`);
      mkdirSync(yesterday);
      writeFileSync(path.join(yesterday, "customers.csv"), CUSTOMERS_CSV);
      writeFileSync(
        path.join(yesterday, "contracts.csv"),
        CONTRACTS_HEADER + CONTRACT_ROWS.join(""),
      );
      await importServicingSource(db, sourceForPaths([yesterday]), { mode });
    }
    const watcher = watch(db, folder, 1000, { mode });
    try {
      // Each pause is longer than a poll interval (one unchanged interval was enough before) but
      // shorter than two, with room for a busy machine's late timers.
      await writeSlowly(path.join(folder, "2026-12-07"), first, 1300);
      const processed = await waitUntil(
        async () => list(path.join(folder, "processed")),
        (l) => l.length > 0,
        15_000,
      );
      expect(processed).toEqual(["2026-12-07"]);
      expect(list(path.join(folder, "failed"))).toEqual([]);
      expect(watcher.imported).toEqual(["2026-12-07"]);
      expect(await db.prisma.servicingContract.count()).toBe(60);
    } finally {
      await watcher.stop();
      await drop();
    }
  }, 60_000);
});

test("a folder export with a _READY marker, or an entry with a .done marker beside it, is taken at once and the marker consumed", async () => {
  const { db, drop } = await createTestDatabase();
  const folder = path.join(tmp, "markers");
  mkdirSync(folder);
  // A long interval: without the markers nothing would be taken within the test's wait.
  const watcher = watch(db, folder, 5000);
  try {
    mkdirSync(path.join(folder, "2026-12-07"));
    writeFileSync(path.join(folder, "2026-12-07", "customers.csv"), CUSTOMERS_CSV);
    writeFileSync(path.join(folder, "2026-12-07", "_READY"), "");
    writeFileSync(path.join(folder, "2026-12-08.json"), JSON.stringify(servicingFixture));
    writeFileSync(path.join(folder, "2026-12-08.json.done"), "");
    const processed = await waitUntil(
      async () => list(path.join(folder, "processed")),
      (l) => l.length === 2,
      4000,
    );
    expect(processed).toEqual(["2026-12-07", "2026-12-08.json"]);
    expect(watcher.imported).toEqual(["2026-12-07", "2026-12-08.json"]);
    // The .done marker is gone (a later export of the same name must not find it).
    expect(list(folder)).toEqual(["failed", "processed"]);
    expect(await db.prisma.servicingCustomer.count()).toBe(17);
  } finally {
    await watcher.stop();
    await drop();
  }
});

/** Opens each FIFO for writing and closes it: a reader blocked opening it (the bug) is let go. */
function releaseFifos(fifos: string[]) {
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // nobody reading, or moved away: nothing to release
    }
  }
}

test("a FIFO, a socket, or a folder holding one, goes to failed/ unread and the exports after it are imported", async () => {
  const { db, drop } = await createTestDatabase();
  const folder = path.join(tmp, "special");
  mkdirSync(folder);
  const fifo = path.join(folder, "2026-12-01.json");
  const innerFifo = path.join(folder, "2026-12-02", "contracts.csv");
  mkdirSync(path.join(folder, "2026-12-02"));
  writeFileSync(path.join(folder, "2026-12-02", "customers.csv"), CUSTOMERS_CSV);
  for (const at of [fifo, innerFifo]) expect(spawnSync("mkfifo", [at]).status).toBe(0);
  const socket: Server = createServer();
  await new Promise<void>((resolve) =>
    socket.listen(path.join(folder, "2026-12-03.json"), resolve),
  );
  writeFileSync(path.join(folder, "2026-12-04.json"), JSON.stringify(servicingFixture));
  const watcher = watch(db, folder, 100);
  try {
    const processed = await waitUntil(
      async () => list(path.join(folder, "processed")),
      (l) => l.length === 1,
      5000,
    );
    expect(processed).toEqual(["2026-12-04.json"]);
    expect(watcher.imported).toEqual(["2026-12-04.json"]);
    expect(list(path.join(folder, "failed"))).toEqual([
      "2026-12-01.json",
      "2026-12-01.json.errors.txt",
      "2026-12-02",
      "2026-12-02.errors.txt",
      "2026-12-03.json",
      "2026-12-03.json.errors.txt",
    ]);
    const errors = (name: string) =>
      readFileSync(path.join(folder, "failed", `${name}.errors.txt`), "utf8");
    expect(errors("2026-12-01.json")).toContain("2026-12-01.json: a FIFO, not a regular file");
    expect(errors("2026-12-02")).toContain("2026-12-02/contracts.csv: a FIFO, not a regular file");
    expect(errors("2026-12-03.json")).toContain("2026-12-03.json: a socket, not a regular file");
    expect(errors("2026-12-01.json")).toContain("moved here unread");
    expect(await db.prisma.servicingCustomer.count()).toBe(7);
  } finally {
    releaseFifos([fifo, innerFifo]);
    socket.close();
    await watcher.stop();
    await drop();
  }
});

test("symbolic links are not followed: a linked file, a folder with a link in it and a linked folder go to failed/ unread", async () => {
  const { db, drop } = await createTestDatabase();
  const folder = path.join(tmp, "links");
  const outside = path.join(tmp, "links-outside");
  mkdirSync(folder);
  mkdirSync(path.join(outside, "csv"), { recursive: true });
  writeFileSync(path.join(outside, "secret.json"), JSON.stringify(servicingFixture));
  writeFileSync(path.join(outside, "customers.csv"), CUSTOMERS_CSV);
  writeFileSync(path.join(outside, "csv", "customers.csv"), CUSTOMERS_CSV);
  symlinkSync(path.join(outside, "secret.json"), path.join(folder, "2026-12-01.json"));
  mkdirSync(path.join(folder, "2026-12-02"));
  symlinkSync(
    path.join(outside, "customers.csv"),
    path.join(folder, "2026-12-02", "customers.csv"),
  );
  symlinkSync(path.join(outside, "csv"), path.join(folder, "2026-12-03"));
  mkdirSync(path.join(folder, "2026-12-04", "nested"), { recursive: true });
  writeFileSync(path.join(folder, "2026-12-04", "nested", "customers.csv"), CUSTOMERS_CSV);
  const watcher = watch(db, folder, 100);
  try {
    const failed = await waitUntil(
      async () => list(path.join(folder, "failed")),
      (l) => l.length === 8,
      5000,
    );
    expect(failed).toEqual([
      "2026-12-01.json",
      "2026-12-01.json.errors.txt",
      "2026-12-02",
      "2026-12-02.errors.txt",
      "2026-12-03",
      "2026-12-03.errors.txt",
      "2026-12-04",
      "2026-12-04.errors.txt",
    ]);
    const errors = (name: string) =>
      readFileSync(path.join(folder, "failed", `${name}.errors.txt`), "utf8");
    expect(errors("2026-12-01.json")).toContain("2026-12-01.json: a symbolic link, not a regular");
    expect(errors("2026-12-02")).toContain("2026-12-02/customers.csv: a symbolic link");
    expect(errors("2026-12-03")).toContain("2026-12-03: a symbolic link");
    expect(errors("2026-12-04")).toContain("2026-12-04/nested: a folder");
    expect(watcher.imported).toEqual([]);
    expect(await db.prisma.servicingCustomer.count()).toBe(0);
    // The links were moved, never their targets.
    expect(list(outside)).toEqual(["csv", "customers.csv", "secret.json"]);
  } finally {
    await watcher.stop();
    await drop();
  }
});

test.each(["processed", "failed"])(
  "refuses to start when %s/ is a symbolic link out of the drop folder",
  async (sub) => {
    const folder = path.join(tmp, `linked-${sub}`);
    const elsewhere = path.join(tmp, `elsewhere-${sub}`);
    mkdirSync(folder);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, path.join(folder, sub));
    writeFileSync(path.join(folder, "2026-12-01.json"), JSON.stringify(servicingFixture));
    const stop = new AbortController();
    const watching = watchDropFolder({
      folder,
      log: pino({ level: "silent" }),
      pollIntervalMs: 50,
      signal: stop.signal,
      importEntry: () => Promise.reject(new Error("must not import")),
    });
    const outcome = await Promise.race([
      watching.then(
        () => "returned",
        (error: Error) => error.message,
      ),
      sleep(2000, "still running", { ref: false }),
    ]);
    stop.abort();
    expect(outcome).toBe(
      `${path.join(folder, sub)} is a symbolic link: ${sub}/ must be a real folder inside the drop folder`,
    );
    expect(list(elsewhere)).toEqual([]);
    expect(list(folder)).toContain("2026-12-01.json");
  },
);
