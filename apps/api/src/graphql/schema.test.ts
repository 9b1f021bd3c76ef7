import { readFileSync } from "node:fs";
import path from "node:path";
import { buildAppSchema, printAppSchema } from "./schema";
import { undescribed } from "./schema-descriptions";

test("the committed schema.graphql matches the code (run `pnpm schema:emit` after changing types)", async () => {
  const committed = readFileSync(path.join(__dirname, "..", "..", "schema.graphql"), "utf8");
  expect(await printAppSchema()).toBe(committed);
});

test("every type, field, argument and enum value carries a description", async () => {
  expect(undescribed(await buildAppSchema())).toEqual([]);
});
