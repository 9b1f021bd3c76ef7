import { writeFileSync } from "node:fs";
import path from "node:path";
import { printAppSchema } from "../graphql/schema";

/** `pnpm schema:emit` — writes apps/api/schema.graphql from the type-graphql classes. */
printAppSchema()
  .then((sdl) => {
    const target = path.resolve(__dirname, "..", "..", "schema.graphql");
    writeFileSync(target, sdl);
    console.log(`wrote ${target}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
