import { batched } from "./batched";

test("calls made together run as one batch and each caller gets its own result", async () => {
  const batches: number[][] = [];
  const double = batched(async (items: readonly number[]) => {
    batches.push([...items]);
    return items.map((n) => n * 2);
  });
  await expect(Promise.all([double(1), double(2), double(3)])).resolves.toEqual([2, 4, 6]);
  expect(batches).toEqual([[1, 2, 3]]);
  await expect(double(4)).resolves.toBe(8);
  expect(batches).toEqual([[1, 2, 3], [4]]);
});

/** An error as the database reports it: with a SQLSTATE (here a foreign-key violation). */
const refused = (message: string) => Object.assign(new Error(message), { code: "23503" });

test("when the database refuses a batch, its items are retried one by one and only the bad one fails", async () => {
  const batches: number[][] = [];
  const checked = batched(async (items: readonly number[]) => {
    batches.push([...items]);
    if (items.includes(13)) throw refused("13 is refused");
    return items.map((n) => n + 1);
  });
  const results = await Promise.allSettled([checked(1), checked(13), checked(2)]);
  expect(results).toEqual([
    { status: "fulfilled", value: 2 },
    { status: "rejected", reason: refused("13 is refused") },
    { status: "fulfilled", value: 3 },
  ]);
  expect(batches).toEqual([[1, 13, 2], [1], [13], [2]]);
});

test("a batch lost without an answer from the database (it may have committed) is not retried", async () => {
  const batches: number[][] = [];
  const lost = batched(async (items: readonly number[]) => {
    batches.push([...items]);
    throw new Error("Connection terminated unexpectedly");
  });
  const results = await Promise.allSettled([lost(1), lost(2)]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  expect(batches).toEqual([[1, 2]]);
});

test("a batch never exceeds the maximum size", async () => {
  const sizes: number[] = [];
  const echo = batched(async (items: readonly number[]) => {
    sizes.push(items.length);
    return [...items];
  }, 2);
  await Promise.all([1, 2, 3, 4, 5].map(echo));
  expect(sizes).toEqual([2, 2, 1]);
});
