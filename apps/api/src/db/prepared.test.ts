import { preparedStatement } from "./prepared";

test("a statement name stands for one SQL text", () => {
  const first = preparedStatement("test_prepared_same", "SELECT 1");
  expect(preparedStatement("test_prepared_same", "SELECT 1")).toEqual(first);
  // The driver keys its per-connection cache by name: a second text under one name would run the first.
  expect(() => preparedStatement("test_prepared_same", "SELECT 2")).toThrow(/declared twice/);
});
