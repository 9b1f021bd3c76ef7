import { readFileSync } from "node:fs";
import path from "node:path";
import {
  isEnumType,
  isInputObjectType,
  isObjectType,
  isUnionType,
  type GraphQLSchema,
} from "graphql";
import { buildAppSchema } from "./schema";
import { buildSupportSchema, printSupportSchema } from "./support-schema";

function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      type.name.startsWith("__") ||
      ["String", "Int", "Boolean", "Float", "ID"].includes(type.name)
    )
      continue;
    if (!type.description && !["Query", "Mutation"].includes(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type))
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : [])
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    if (isEnumType(type))
      for (const value of type.getValues())
        if (!value.description) missing.push(`${type.name}.${value.name}`);
    if (isUnionType(type) && !type.description) missing.push(type.name);
  }
  return missing;
}

test("the committed support-schema.graphql matches the code (run `pnpm schema:emit` after changing types)", async () => {
  const committed = readFileSync(
    path.join(__dirname, "..", "..", "support-schema.graphql"),
    "utf8",
  );
  expect(await printSupportSchema()).toBe(committed);
});

test("every support type, field, argument and enum value carries a description", async () => {
  expect(undescribed(await buildSupportSchema())).toEqual([]);
});

test("the public schema has no staff operation, type or field", async () => {
  const publicSchema = await buildAppSchema();
  const support = await buildSupportSchema();
  const staffOnly = ["Query", "Mutation"].flatMap((root) =>
    Object.keys(
      support.getType(root) && isObjectType(support.getType(root))
        ? (support.getType(root) as never as { getFields(): object }).getFields()
        : {},
    ),
  );
  for (const root of ["Query", "Mutation"]) {
    const fields = Object.keys(
      (publicSchema.getType(root) as never as { getFields(): object }).getFields(),
    );
    expect(fields.filter((f) => staffOnly.includes(f))).toEqual([]);
  }
  for (const name of [
    "StaffMember",
    "PortalUser",
    "PortalUserStatus",
    "EnrollmentAttempt",
    "EligibilityExplanation",
    "SupportActionResult",
    "StaffRole",
  ])
    expect(publicSchema.getType(name)).toBeUndefined();
});
