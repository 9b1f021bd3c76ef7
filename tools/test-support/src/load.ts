/**
 * Runs `work(i)` for i in [from, to) with `concurrency` workers, as that many clients would; stops
 * taking new work once `stop()` holds. The results in the order the work finished.
 */
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
