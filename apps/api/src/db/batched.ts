import DataLoader from "dataloader";

/**
 * Runs one statement for many callers. Calls made while the event loop handles one round of I/O
 * (requests that arrived together, under load) are gathered into one call of `runMany`: one round
 * trip and one commit instead of one per request. A lone call is a batch of one.
 *
 * A batch is one statement, so it commits or fails as a whole. When the database refused it (an
 * error with a SQLSTATE: the statement was rolled back), each item is retried on its own, so one bad
 * item fails only its own caller. Any other failure (a lost connection: the batch may have committed)
 * is not retried; every caller gets it.
 *
 * `runMany` gets the items in call order and must return one result per item, in that order.
 */
export function batched<Item, Result>(runMany: (items: readonly Item[]) => Promise<Result[]>, maxBatchSize = 64): (item: Item) => Promise<Result> {
  const loader = new DataLoader<Item, Result>(
    async (items) => {
      try {
        return await runMany(items);
      } catch (error) {
        // A lone item has nothing to be isolated from: its caller gets the error as it is.
        if (items.length === 1 || !refusedByDatabase(error)) throw error;
        return Promise.all(
          items.map((item) =>
            runMany([item]).then(
              ([result]) => result as Result,
              (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
            ),
          ),
        );
      }
    },
    // setImmediate runs after the poll phase, so every request read in this loop turn is in the batch.
    { cache: false, maxBatchSize, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );
  return (item) => loader.load(item);
}

/** PostgreSQL (and PGlite) errors carry a five-character SQLSTATE; driver and network errors do not. */
function refusedByDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}
