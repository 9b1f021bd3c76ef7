import type { Stats } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

/** The marker a writer puts inside a CSV folder once the export is complete. */
export const READY_MARKER = "_READY";
/** The suffix of the marker a writer puts beside a file or folder once it is complete. */
export const DONE_SUFFIX = ".done";

/** What one listing shows of an entry of the drop folder. */
export type EntryState =
  /** Gone between the listing and now (moved away or renamed). */
  | { kind: "gone" }
  /** Not a regular file nor a folder of regular files: never opened, moved to failed/ unread. */
  | { kind: "refused"; problems: string[] }
  /**
   * A file or folder of regular files. `signature`: sizes and modification times (equal at later
   * listings = nobody is writing); `ready`: its writer has put a marker (complete, whatever the times).
   */
  | { kind: "entry"; signature: string; ready: boolean };

/** What a directory entry is, when it is not a regular file (lstat: a link is a link, never its target). */
function notRegular(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isSymbolicLink()) return "a symbolic link";
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a FIFO";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a regular file";
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Whether `full` is a regular file (a marker), without following a link. */
async function isRegularFile(full: string): Promise<boolean> {
  return lstat(full).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * Looks at `name` in `folder` without opening anything but the folder itself: a FIFO, a socket, a
 * device or a link is never read (opening a FIFO blocks until someone writes to it; a link may lead
 * anywhere). A folder must hold regular files only (a `_READY` marker among them).
 */
export async function inspectEntry(folder: string, name: string): Promise<EntryState> {
  const full = path.join(folder, name);
  let info: Stats;
  try {
    info = await lstat(full);
  } catch (error) {
    if (code(error) === "ENOENT") return { kind: "gone" };
    return { kind: "refused", problems: [`${name}: cannot be looked at (${code(error)})`] };
  }
  const doneBeside = await isRegularFile(`${full}${DONE_SUFFIX}`);
  if (!info.isDirectory()) {
    const what = notRegular(info);
    if (what)
      return {
        kind: "refused",
        problems: [`${name}: ${what}, not a regular file or a folder of regular files`],
      };
    return { kind: "entry", signature: `${info.size}:${info.mtimeMs}`, ready: doneBeside };
  }
  const parts = [`dir:${info.mtimeMs}`];
  const problems: string[] = [];
  let ready = doneBeside;
  try {
    for (const inner of (await readdir(full)).sort()) {
      const innerInfo = await lstat(path.join(full, inner));
      const what = notRegular(innerInfo);
      if (what) problems.push(`${name}/${inner}: ${what}, not a regular file`);
      else if (inner === READY_MARKER) ready = true;
      else parts.push(`${inner}:${innerInfo.size}:${innerInfo.mtimeMs}`);
    }
  } catch (error) {
    if (code(error) !== "ENOENT")
      return { kind: "refused", problems: [`${name}: cannot be looked at (${code(error)})`] };
    // A file renamed or removed while being listed: being written, look again next time.
    return { kind: "entry", signature: `changing:${Date.now()}`, ready: false };
  }
  if (problems.length > 0) return { kind: "refused", problems };
  return { kind: "entry", signature: parts.join("|"), ready };
}
