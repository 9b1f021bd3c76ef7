import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "pg";
import { servicingFixture, waitUntil } from "@portal/test-support";
import { prepareDatabase, startWatcher } from "./servicing-watch.support";

/** `pnpm servicing:watch` as a real process (the built CLI), as an operator runs it. */

const tmp = mkdtempSync(path.join(os.tmpdir(), "drop-folder-process-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

test("a second watcher on the same folder exits 1 with a clear message; the first goes on importing", async () => {
  const folder = path.join(tmp, "two");
  mkdirSync(folder);
  const database = await prepareDatabase(tmp);
  const first = startWatcher(folder, database.env);
  let second: ReturnType<typeof startWatcher> | undefined;
  try {
    expect(await first.watching()).toBe(true);
    second = startWatcher(folder, database.env);
    expect(await second.exitWithin(15_000)).toBe(1);
    expect(second.stderr()).toContain(
      `another servicing:watch is watching ${folder} (it holds ${path.join(folder, ".servicing-watch.lock")}); stop it first`,
    );
    writeFileSync(path.join(folder, "servicing.json"), JSON.stringify(servicingFixture));
    await waitUntil(async () => first.lines.find((l) => l.msg === "imported"), Boolean, 20_000);
    expect(list(path.join(folder, "processed"))).toEqual(["servicing.json"]);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    // The lock is given back on a clean stop.
    expect(list(folder)).toEqual(["failed", "processed"]);
  } finally {
    first.child.kill("SIGKILL");
    second?.child.kill("SIGKILL");
    await database.drop();
  }
}, 120_000);

test("the lock of a killed watcher is taken over by the next one", async () => {
  const folder = path.join(tmp, "killed");
  mkdirSync(folder);
  const database = await prepareDatabase(tmp);
  const first = startWatcher(folder, database.env);
  let next: ReturnType<typeof startWatcher> | undefined;
  try {
    expect(await first.watching()).toBe(true);
    first.child.kill("SIGKILL");
    await first.exited;
    expect(list(folder)).toContain(".servicing-watch.lock");
    next = startWatcher(folder, database.env);
    expect(await next.watching()).toBe(true);
    writeFileSync(path.join(folder, "servicing.json"), JSON.stringify(servicingFixture));
    await waitUntil(async () => next!.lines.find((l) => l.msg === "imported"), Boolean, 20_000);
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  } finally {
    first.child.kill("SIGKILL");
    next?.child.kill("SIGKILL");
    await database.drop();
  }
}, 120_000);

test("a watcher whose lock is taken away stops, exit 1", async () => {
  const folder = path.join(tmp, "lost");
  mkdirSync(folder);
  const database = await prepareDatabase(tmp);
  const watcher = startWatcher(folder, database.env);
  try {
    expect(await watcher.watching()).toBe(true);
    rmSync(path.join(folder, ".servicing-watch.lock"), { recursive: true });
    // Noticed at its next refresh (every 2 s).
    expect(await watcher.exitWithin(10_000)).toBe(1);
    expect(watcher.lines.map((l) => l.msg)).toContain(
      "the drop folder's lock was lost; stopping after the current file",
    );
  } finally {
    watcher.child.kill("SIGKILL");
    await database.drop();
  }
}, 120_000);

test("refuses to start, exit 1, when processed/ is a symbolic link", async () => {
  const folder = path.join(tmp, "linked");
  mkdirSync(folder);
  mkdirSync(path.join(tmp, "linked-target"));
  symlinkSync(path.join(tmp, "linked-target"), path.join(folder, "processed"));
  const database = await prepareDatabase(tmp);
  const watcher = startWatcher(folder, database.env);
  try {
    expect(await watcher.exitWithin(60_000)).toBe(1);
    expect(watcher.stderr()).toContain(
      `${path.join(folder, "processed")} is a symbolic link: processed/ must be a real folder inside the drop folder`,
    );
  } finally {
    watcher.child.kill("SIGKILL");
    await database.drop();
  }
}, 120_000);

// A hang the watcher cannot see through: its import waits for the import lock another session holds.
const onPostgres = process.env.DATABASE_URL ? test : test.skip;
onPostgres(
  "SIGTERM ends a watcher stuck in an import within the grace period, exit 1, the file left in place",
  async () => {
    const folder = path.join(tmp, "hang");
    mkdirSync(folder);
    const database = await prepareDatabase(tmp);
    const holder = new Client({ connectionString: database.env.DATABASE_URL });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext('portal servicing import'))`);
    const watcher = startWatcher(folder, { ...database.env, SHUTDOWN_GRACE_MS: "1000" });
    try {
      expect(await watcher.watching()).toBe(true);
      writeFileSync(path.join(folder, "servicing.json"), JSON.stringify(servicingFixture));
      await waitUntil(
        async () => watcher.lines.find((l) => l.msg === "importing"),
        Boolean,
        20_000,
      );
      await sleep(500);
      const signalled = Date.now();
      watcher.child.kill("SIGTERM");
      expect(await watcher.exitWithin(6000)).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(6000);
      expect(watcher.lines.at(-1)).toMatchObject({
        msg: "the import did not finish within the grace period; stopping without it",
        file: "servicing.json",
      });
      // Nothing was imported; the file waits for the next start.
      expect(list(folder)).toEqual(["failed", "processed", "servicing.json"]);
      const count = await holder.query(`SELECT count(*)::int AS n FROM servicing_customer`);
      expect(count.rows[0].n).toBe(0);
    } finally {
      watcher.child.kill("SIGKILL");
      await holder.end();
      await database.drop();
    }
  },
  60_000,
);
