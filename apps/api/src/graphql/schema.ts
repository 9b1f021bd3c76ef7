import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { customerAuthChecker } from "../sessions/session.guard";
import { resolversOf } from "./resolver-container";
import { schemaShape } from "./schema-shape";

/**
 * Builds the public schema from the resolver instances the features built (services.ts), so
 * resolvers stay thin and testable. Without instances: the composition's shape (schema-shape.ts).
 */
export function buildAppSchema(
  instances: object[] = schemaShape().resolvers,
): Promise<GraphQLSchema> {
  return buildSchema({
    ...resolversOf(instances),
    authChecker: customerAuthChecker,
    // Format rules live in packages/matching and are answered as InputInvalid data, not errors.
    validate: false,
  });
}

/** The SDL committed as apps/api/schema.graphql (frontends generate typed operations from it). */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(await buildAppSchema())}\n`;
}
