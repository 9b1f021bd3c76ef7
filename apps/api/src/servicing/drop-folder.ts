import type { Stats } from "node:fs";
import { lstat, mkdir, readdir, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logging/logger";
import { DONE_SUFFIX, inspectEntry } from "./drop-folder.entry";
import { DropFolderError } from "./drop-folder.errors";
import { ServicingImportError } from "./servicing-import.errors";
import type { ImportSummary } from "./servicing-import.service";

export const PROCESSED = "processed";
export const FAILED = "failed";
/** Without a marker, an entry is taken once it has looked the same at this many listings after the first. */
const UNCHANGED_POLLS = 2;

export interface DropFolderOptions {
  folder: string;
  /** Imports one entry (a JSON file or a CSV folder) by its full path. */
  importEntry: (fullPath: string) => Promise<ImportSummary>;
  log: Logger;
  /** How often the folder is listed, in ms. */
  pollIntervalMs: number;
  /** Stopping: no new entry is taken; the one being imported is finished (within `graceMs`). */
  signal: AbortSignal;
  /** After `signal`, how long the entry being imported may take; then the watch returns without it. */
  graceMs?: number;
}

/** How a watch ended: `unfinished` names the entry whose import was still running when the grace ran out. */
export interface WatchOutcome {
  unfinished: string | null;
}

/** Names a drop folder never takes: its own sub-folders, hidden files, files still being written, markers. */
export function isCandidate(name: string): boolean {
  return (
    name !== PROCESSED &&
    name !== FAILED &&
    !name.startsWith(".") &&
    !name.endsWith(".part") &&
    !name.endsWith(".tmp") &&
    !name.endsWith(DONE_SUFFIX)
  );
}

const exists = (full: string) =>
  lstat(full).then(
    () => true,
    () => false,
  );

/** A free name in `dir` (for the entry and its errors file): `name`, else `name.<UTC time>[.n]`. */
async function freeName(dir: string, name: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  for (let n = 0; ; n++) {
    const candidate = path.join(dir, n === 0 ? name : `${name}.${stamp}${n === 1 ? "" : `.${n}`}`);
    if (!(await exists(candidate)) && !(await exists(`${candidate}.errors.txt`))) return candidate;
  }
}

/**
 * `processed/` or `failed/`, created if missing: a real folder on the drop folder's file system. A
 * link there would send every export (and its errors file) wherever it points.
 */
async function realSubFolder(folder: string, folderInfo: Stats, sub: string): Promise<Stats> {
  const full = path.join(folder, sub);
  await mkdir(full).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  const info = await lstat(full);
  const wrong = info.isSymbolicLink()
    ? "is a symbolic link"
    : !info.isDirectory()
      ? "is not a folder"
      : info.dev !== folderInfo.dev
        ? "is on another file system (a mount point)"
        : null;
  if (wrong)
    throw new DropFolderError(
      `${full} ${wrong}: ${sub}/ must be a real folder inside the drop folder`,
    );
  return info;
}

/**
 * `pnpm servicing:watch`: imports each new file or CSV sub-folder that appears in `folder`, oldest
 * name first, one at a time, and moves it to `processed/` or, on any problem, to `failed/` with a
 * `<name>.errors.txt` beside it. An entry is taken once complete: at once if its writer has put a
 * marker (`_READY` inside a folder, or `<name>.done` beside it; the `.done` is removed), otherwise
 * once its sizes and modification times (every file's, for a folder) have stayed the same over two
 * polls; never while its name ends in `.part` or `.tmp`. Anything that is not a regular file or a
 * folder of regular files (a FIFO, a socket, a device, a link) is moved to `failed/` unread. The
 * caller holds the folder's lock (`lockDropFolder`). Returns when `signal` aborts, after the entry
 * being imported (if any) is finished and moved, or once `graceMs` has passed without it.
 */
export async function watchDropFolder(options: DropFolderOptions): Promise<WatchOutcome> {
  const { folder, log, signal, pollIntervalMs } = options;
  const folderInfo = await lstat(folder);
  const subs = {
    [PROCESSED]: await realSubFolder(folder, folderInfo, PROCESSED),
    [FAILED]: await realSubFolder(folder, folderInfo, FAILED),
  };
  /** Moves `name` to `sub`, after checking `sub` is still the folder checked at the start. */
  const move = async (name: string, sub: typeof PROCESSED | typeof FAILED, errors?: string) => {
    const now = await lstat(path.join(folder, sub)).catch(() => null);
    if (now?.isSymbolicLink() !== false || now.ino !== subs[sub].ino || now.dev !== subs[sub].dev)
      throw new DropFolderError(
        `${path.join(folder, sub)} was replaced while watching: ${sub}/ must be a real folder inside the drop folder`,
      );
    const to = await freeName(path.join(folder, sub), name);
    // The errors first: an entry never sits in failed/ without them. "wx": never through a link.
    if (errors !== undefined)
      await writeFile(`${to}.errors.txt`, `${name}, ${new Date().toISOString()}\n${errors}`, {
        flag: "wx",
      });
    try {
      await rename(path.join(folder, name), to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      log.error({ file: name }, `${name} was no longer in the folder to be moved to ${sub}/`);
      return null;
    }
    return path.relative(folder, to);
  };

  log.info({ folder }, "watching the drop folder for servicing exports");
  /** What the first waiting entry looked like at the last listing, how many listings since it changed, and since when. */
  const seen = new Map<string, { signature: string; unchanged: number; since: number }>();

  while (!signal.aborted) {
    const names = (await readdir(folder)).filter(isCandidate).sort();
    for (const name of [...seen.keys()]) if (!names.includes(name)) seen.delete(name);
    let next: string | null = null;
    let refused: string[] | null = null;
    for (const name of names) {
      const state = await inspectEntry(folder, name);
      if (state.kind === "gone") continue;
      if (state.kind === "refused") {
        [next, refused] = [name, state.problems];
        break;
      }
      const before = seen.get(name);
      // Strictly in name order: a later export is never imported before an earlier one (a snapshot
      // after it would undo it), so a name still being written holds up the ones after it.
      if (state.ready) {
        next = name;
      } else if (before?.signature !== state.signature) {
        if (before !== undefined) log.debug({ file: name }, "still being written; waiting");
        seen.set(name, { signature: state.signature, unchanged: 0, since: Date.now() });
      } else if (
        ++before.unchanged >= UNCHANGED_POLLS &&
        Date.now() - before.since >= UNCHANGED_POLLS * pollIntervalMs
      ) {
        next = name;
      }
      break;
    }
    if (next === null) {
      await sleep(pollIntervalMs, undefined, { signal }).catch(() => {});
      continue;
    }
    seen.delete(next);
    if (refused !== null) {
      const movedTo = await move(
        next,
        FAILED,
        `Not read: not a regular file or a folder of regular files:\n${refused.map((p) => `  - ${p}`).join("\n")}\nIt was moved here unread.\n`,
      );
      log.error(
        { file: next, movedTo, problems: refused },
        "not a regular file; moved to failed/ unread",
      );
      continue;
    }
    // The writer said it is complete: its marker goes, so a later export of the same name waits for its own.
    await unlink(path.join(folder, `${next}${DONE_SUFFIX}`)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") log.warn({ file: next, err: error }, "its .done marker stays");
      },
    );
    if (!(await importOne(options, next, move))) {
      log.error(
        { file: next },
        "the import did not finish within the grace period; stopping without it",
      );
      return { unfinished: next };
    }
  }
  log.info({ folder }, "drop folder watch stopped");
  return { unfinished: null };
}

const UNFINISHED = Symbol("unfinished");

/** `work`, or UNFINISHED once `graceMs` has passed since `signal` aborted. */
async function withinGrace<T>(
  work: Promise<T>,
  signal: AbortSignal,
  graceMs: number,
): Promise<T | typeof UNFINISHED> {
  let timer: NodeJS.Timeout | undefined;
  let start = () => {};
  const graceOver = new Promise<typeof UNFINISHED>((resolve) => {
    start = () => {
      if (Number.isFinite(graceMs)) timer = setTimeout(() => resolve(UNFINISHED), graceMs);
    };
  });
  if (signal.aborted) start();
  else signal.addEventListener("abort", start, { once: true });
  try {
    return await Promise.race([work, graceOver]);
  } finally {
    signal.removeEventListener("abort", start);
    clearTimeout(timer);
  }
}

/** Imports `name` and moves it; false if the grace period ran out first (the entry stays where it is). */
async function importOne(
  options: DropFolderOptions,
  name: string,
  move: (
    name: string,
    sub: typeof PROCESSED | typeof FAILED,
    errors?: string,
  ) => Promise<string | null>,
): Promise<boolean> {
  const { folder, log } = options;
  const started = Date.now();
  log.info({ file: name }, "importing");
  const outcome = await withinGrace(
    // A promise even if importEntry throws at once (an entry no source can read).
    Promise.resolve(path.join(folder, name))
      .then(options.importEntry)
      .then(
        (summary) => ({ summary }),
        (error: unknown) => ({ error }),
      ),
    options.signal,
    options.graceMs ?? Infinity,
  );
  if (outcome === UNFINISHED) return false;
  if ("summary" in outcome) {
    const { summary } = outcome;
    const movedTo = await move(name, PROCESSED);
    log.info(
      {
        file: name,
        movedTo,
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
    return true;
  }
  const { error } = outcome;
  const known = error instanceof ServicingImportError;
  const text = known
    ? `${error.message}\n`
    : `The import failed; nothing was imported:\n  ${String((error as Error)?.stack ?? error)}\n`;
  const movedTo = await move(name, FAILED, text);
  log.error(
    {
      file: name,
      movedTo,
      problems: known ? error.problems.slice(0, 20) : undefined,
      err: known ? undefined : error,
    },
    known ? "refused; moved to failed/" : "import failed; moved to failed/",
  );
  return true;
}
