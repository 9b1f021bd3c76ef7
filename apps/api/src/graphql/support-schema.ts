import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { staffAuthChecker } from "../support/staff-auth.guard";
import type { SupportFeature } from "../support/support.feature";
import { resolversOf } from "./resolver-container";
import { schemaShape } from "./schema-shape";

/**
 * The staff schema served at /support/graphql, from the support feature's resolver instances
 * (never part of the public schema, schema.ts). Who may run what is declared on the resolvers
 * (`@Authorized()`, `@Authorized("ADMIN")`) and decided by one auth checker.
 */
export async function buildSupportSchema(
  support: Pick<SupportFeature, "resolvers" | "answerRefusals"> | null = schemaShape().support,
): Promise<GraphQLSchema> {
  if (!support) throw new Error("The support console is off: there is no staff schema to build.");
  const schema = await buildSchema({
    ...resolversOf(support.resolvers),
    authChecker: staffAuthChecker,
    validate: false,
  });
  support.answerRefusals(schema);
  return schema;
}

/** The SDL committed as apps/api/support-schema.graphql (the staff pages generate their types from it). */
export async function printSupportSchema(): Promise<string> {
  return `${printSchema(await buildSupportSchema())}\n`;
}
