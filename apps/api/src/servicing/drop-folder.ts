import { existsSync } from "node:fs";
import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logging/logger";
import { ServicingImportError } from "./servicing-import.errors";
import type { ImportSummary } from "./servicing-import.service";

export const PROCESSED = "processed";
export const FAILED = "failed";

export interface DropFolderOptions {
  folder: string;
  /** Imports one entry (a JSON file or a CSV folder) by its full path. */
  importEntry: (fullPath: string) => Promise<ImportSummary>;
  log: Logger;
  /** How often the folder is listed, in ms. */
  pollIntervalMs: number;
  /** Stopping: no new entry is taken; the one being imported is finished. */
  signal: AbortSignal;
}

/** Size and modification time of a file, or of every file of a folder: equal twice = nobody is writing. */
async function signature(fullPath: string): Promise<string | null> {
  try {
    const info = await stat(fullPath);
    if (!info.isDirectory()) return `${info.size}:${info.mtimeMs}`;
    const parts = [`dir:${info.mtimeMs}`];
    for (const name of (await readdir(fullPath)).sort()) {
      const inner = await stat(path.join(fullPath, name));
      parts.push(`${name}:${inner.size}:${inner.mtimeMs}`);
    }
    return parts.join("|");
  } catch {
    return null; // gone (moved away or renamed) between the listing and now
  }
}

/** Names a drop folder never takes: its own sub-folders, hidden files, files still being written. */
export function isCandidate(name: string): boolean {
  return (
    name !== PROCESSED &&
    name !== FAILED &&
    !name.startsWith(".") &&
    !name.endsWith(".part") &&
    !name.endsWith(".tmp")
  );
}

/** A free name in `dir`: `name`, else `name.<UTC time>[.n]` (a file of the same name imported earlier). */
function freeName(dir: string, name: string): string {
  if (!existsSync(path.join(dir, name))) return path.join(dir, name);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  for (let n = 0; ; n++) {
    const candidate = path.join(dir, `${name}.${stamp}${n === 0 ? "" : `.${n}`}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * `pnpm servicing:watch`: imports each new file or CSV sub-folder that appears in `folder`, oldest
 * name first, one at a time, and moves it to `processed/` or, on any problem, to `failed/` with a
 * `<name>.errors.txt` beside it. An entry is taken only once its size and modification time (every
 * file's, for a folder) have stayed the same for a poll interval, and never while its name ends in
 * `.part` or `.tmp`: a file still being written is left alone. Returns when `signal` aborts, after
 * the entry being imported (if any) is finished and moved.
 */
export async function watchDropFolder(options: DropFolderOptions): Promise<void> {
  const { folder, log, signal } = options;
  const processedDir = path.join(folder, PROCESSED);
  const failedDir = path.join(folder, FAILED);
  await mkdir(processedDir, { recursive: true });
  await mkdir(failedDir, { recursive: true });
  log.info({ folder }, "watching the drop folder for servicing exports");
  /** What each waiting entry looked like at the last listing, and since when it has looked so. */
  const seen = new Map<string, { signature: string; since: number }>();

  while (!signal.aborted) {
    const names = (await readdir(folder)).filter(isCandidate).sort();
    for (const name of [...seen.keys()]) if (!names.includes(name)) seen.delete(name);
    let next: string | null = null;
    for (const name of names) {
      const now = await signature(path.join(folder, name));
      if (now === null) continue;
      const before = seen.get(name);
      // Strictly in name order: a later export is never imported before an earlier one (a snapshot
      // after it would undo it), so a name still being written holds up the ones after it.
      if (before?.signature !== now) {
        if (before !== undefined) log.debug({ file: name }, "still being written; waiting");
        seen.set(name, { signature: now, since: Date.now() });
      } else if (Date.now() - before.since >= options.pollIntervalMs) {
        next = name;
      }
      break;
    }
    if (next === null) {
      await sleep(options.pollIntervalMs, undefined, { signal }).catch(() => {});
      continue;
    }
    seen.delete(next);
    await importOne(options, next, processedDir, failedDir);
  }
  log.info({ folder }, "drop folder watch stopped");
}

async function importOne(
  options: DropFolderOptions,
  name: string,
  processedDir: string,
  failedDir: string,
): Promise<void> {
  const { folder, log } = options;
  const fullPath = path.join(folder, name);
  const started = Date.now();
  log.info({ file: name }, "importing");
  try {
    const summary = await options.importEntry(fullPath);
    const to = freeName(processedDir, name);
    await rename(fullPath, to);
    log.info(
      {
        file: name,
        movedTo: path.relative(folder, to),
        seconds: (Date.now() - started) / 1000,
        mode: summary.mode,
        customers: summary.customers,
        contacts: summary.contacts,
        locations: summary.locations,
        contracts: summary.contracts,
        access: summary.access,
      },
      "imported",
    );
  } catch (error) {
    const known = error instanceof ServicingImportError;
    const to = freeName(failedDir, name);
    const text = known
      ? `${error.message}\n`
      : `The import failed; nothing was imported:\n  ${String((error as Error)?.stack ?? error)}\n`;
    // The errors first: a file never sits in failed/ without them.
    await writeFile(`${to}.errors.txt`, `${name}, ${new Date().toISOString()}\n${text}`);
    await rename(fullPath, to);
    log.error(
      {
        file: name,
        movedTo: path.relative(folder, to),
        problems: known ? error.problems.slice(0, 20) : undefined,
        err: known ? undefined : error,
      },
      known ? "refused; moved to failed/" : "import failed; moved to failed/",
    );
  }
}
