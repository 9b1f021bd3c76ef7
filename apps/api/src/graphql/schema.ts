import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { AccountResolver } from "../accounts/account.resolver";
import { ViewerResolver } from "../contracts/viewer.resolver";
import { PortalCopyResolver } from "../copy/portal-copy.resolver";
import { EnrollmentResolver } from "../enrollment/enrollment.resolver";
import { FieldLimitsResolver } from "../enrollment/field-limits.resolver";
import { SessionResolver } from "../sessions/session.resolver";

export const RESOLVERS = [
  EnrollmentResolver,
  FieldLimitsResolver,
  AccountResolver,
  SessionResolver,
  ViewerResolver,
  PortalCopyResolver,
] as const;

/**
 * Builds the executable schema. Resolver instances come from `instances` (constructed in
 * server.ts with their services), so resolvers stay thin and testable.
 */
export function buildAppSchema(instances: object[] = []): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get: (someClass: new (...args: never[]) => unknown) =>
      instances.find((instance) => instance instanceof someClass) ?? new someClass(),
  };
  return buildSchema({
    resolvers: RESOLVERS,
    container,
    // Format rules live in packages/matching and are answered as InputInvalid data, not errors.
    validate: false,
  });
}

/** The SDL committed as apps/api/schema.graphql (frontends generate typed operations from it). */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(await buildAppSchema())}\n`;
}
