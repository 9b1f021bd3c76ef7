import { stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import lockfile from "proper-lockfile";
import { DropFolderError } from "./drop-folder.errors";

/** The lock of a drop folder, inside it (hidden, so never taken for an export). */
export const LOCK_NAME = ".servicing-watch.lock";
/** A lock not refreshed for this long was left by a watcher that died: it is taken over. */
const STALE_MS = 10_000;
/** How often the holder refreshes its lock. */
const REFRESH_MS = 2_000;
/** How often a watcher that finds the lock held looks at it again. */
const LOOK_AGAIN_MS = 500;

export interface DropFolderLock {
  release(): Promise<void>;
}

/**
 * One watcher per drop folder, with proper-lockfile: the lock is a folder created atomically
 * (`mkdir`), whose modification time the holder refreshes every 2 s. A watcher that finds it held
 * looks again: a lock refreshed meanwhile belongs to a live watcher, and it is refused at once; one
 * that is not refreshed for 10 s (its watcher was killed) is taken over. `onLost` is called if the
 * lock is taken away from this process (removed, or taken over after this process could not refresh
 * it for 10 s): the caller must stop.
 */
export async function lockDropFolder(
  folder: string,
  signal: AbortSignal,
  onLost: (error: Error) => void,
): Promise<DropFolderLock> {
  const lockPath = path.join(folder, LOCK_NAME);
  let firstSeen: number | undefined;
  for (;;) {
    try {
      const release = await lockfile.lock(folder, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: REFRESH_MS,
        onCompromised: onLost,
      });
      // Released already if it was lost: nothing to give back then.
      return { release: () => release().catch(() => {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    }
    const refreshed = await stat(lockPath).then(
      (info) => info.mtimeMs,
      () => undefined,
    );
    if (firstSeen === undefined) firstSeen = refreshed;
    else if (refreshed !== undefined && refreshed !== firstSeen)
      throw new DropFolderError(
        `another servicing:watch is watching ${folder} (it holds ${lockPath}); stop it first`,
      );
    try {
      await sleep(LOOK_AGAIN_MS, undefined, { signal });
    } catch {
      throw new DropFolderError(`stopped while waiting for the lock of ${folder}`);
    }
  }
}
