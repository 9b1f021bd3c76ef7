import { readFileSync } from "node:fs";
import path from "node:path";
import { isEnumType, isInputObjectType, isObjectType, isUnionType } from "graphql";
import { buildAppSchema, printAppSchema } from "./schema";

test("the committed schema.graphql matches the code (run `pnpm schema:emit` after changing types)", async () => {
  const committed = readFileSync(path.join(__dirname, "..", "..", "schema.graphql"), "utf8");
  expect(await printAppSchema()).toBe(committed);
});

test("every type, field, argument and enum value carries a description", async () => {
  const schema = await buildAppSchema();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      type.name.startsWith("__") ||
      ["String", "Int", "Boolean", "Float", "ID"].includes(type.name)
    )
      continue;
    if (!type.description && !["Query", "Mutation"].includes(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    if (isUnionType(type) && !type.description) missing.push(type.name);
  }
  expect(missing).toEqual([]);
});
