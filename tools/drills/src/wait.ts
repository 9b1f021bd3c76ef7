export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A sleep that does not keep the drill alive: for the losing side of a race. */
export const deadline = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Polls `read` until `done` holds or the time is up; returns the last value read. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(everyMs);
    value = await read();
  }
  return value;
}

/** Runs `work(i)` for i in [from, to) with `concurrency` workers; stops taking new work once `stop()` holds. */
export async function load<T>(
  from: number,
  to: number,
  concurrency: number,
  work: (i: number) => Promise<T>,
  stop = () => false,
): Promise<T[]> {
  const results: T[] = [];
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to && !stop()) results.push(await work(next++));
    }),
  );
  return results;
}
