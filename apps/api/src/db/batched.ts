import DataLoader from "dataloader";
import { refusedByDatabase } from "./errors";

/**
 * Runs one statement for many callers. Calls made while the event loop handles one round of I/O
 * (requests that arrived together, under load) are gathered into one call of `runMany`: one round
 * trip and one commit instead of one per request. A lone call is a batch of one.
 *
 * A batch is one statement, so it commits or fails as a whole. When the database refused it (an
 * error with a SQLSTATE: the statement was rolled back), each item is retried on its own, so one bad
 * item fails only its own caller. A lost connection (the batch may have committed) is not retried
 * here; every caller gets it (a read-only statement is retried once by the driver, see adapters.ts).
 *
 * `runMany` gets the items in call order and must return one result per item, in that order.
 */
export function batched<Item, Result>(
  runMany: (items: readonly Item[]) => Promise<Result[]>,
  maxBatchSize = 64,
): (item: Item) => Promise<Result> {
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
