import { writeFileSync } from "node:fs";
import path from "node:path";
import { printAppSchema } from "../graphql/schema";
import { printSupportSchema } from "../graphql/support-schema";

/** `pnpm schema:emit` — writes apps/api/schema.graphql and support-schema.graphql from the type-graphql classes. */
async function main() {
  for (const [file, print] of [
    ["schema.graphql", printAppSchema],
    ["support-schema.graphql", printSupportSchema],
  ] as const) {
    const target = path.resolve(__dirname, "..", "..", file);
    writeFileSync(target, await print());
    console.log(`wrote ${target}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
