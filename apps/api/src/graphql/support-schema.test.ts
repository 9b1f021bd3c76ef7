import { readFileSync } from "node:fs";
import path from "node:path";
import { isObjectType } from "graphql";
import { buildAppSchema } from "./schema";
import { undescribed } from "./schema-descriptions";
import { buildSupportSchema, printSupportSchema } from "./support-schema";

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
