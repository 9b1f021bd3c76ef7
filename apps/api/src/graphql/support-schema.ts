import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { StaffAuthResolver } from "../support/staff-auth.resolver";
import { SupportResolver } from "../support/support.resolver";

/** The support console's resolvers: never part of the public schema (schema.ts). */
export const SUPPORT_RESOLVERS = [StaffAuthResolver, SupportResolver] as const;

/** The staff schema served at /support/graphql, with resolver instances from `instances`. */
export function buildSupportSchema(instances: object[] = []): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get: (someClass: new (...args: never[]) => unknown) =>
      instances.find((instance) => instance instanceof someClass) ?? new someClass(),
  };
  return buildSchema({ resolvers: SUPPORT_RESOLVERS, container, validate: false });
}

/** The SDL committed as apps/api/support-schema.graphql (the staff pages generate their types from it). */
export async function printSupportSchema(): Promise<string> {
  return `${printSchema(await buildSupportSchema())}\n`;
}
