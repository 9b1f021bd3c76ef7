import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type OperationDefinitionNode, isObjectType } from "graphql";
import type { PortalMetrics } from "../metrics/portal-metrics";

/**
 * Counts and times every GraphQL operation by operation, type and result. The `operation` label is
 * the web app's operation name when the name is one it was built with (the trusted-document
 * manifest), else `field:<first root field>`: the schema bounds both, while a name a stranger
 * writes would give every request its own series. `result` is the answer's `__typename` (the
 * result unions: EnrollmentStarted, EnrollmentRejected, RateLimited…), `ok` when it has none, or
 * `error` when the answer carries errors (`invalid` operations never got past parsing/validation).
 */
export function metricsPlugin(
  metrics: PortalMetrics,
  knownOperations: () => ReadonlySet<string>,
): ApolloServerPlugin {
  return {
    requestDidStart() {
      const startedAt = process.hrtime.bigint();
      let operation = "invalid";
      let type = "unknown";
      return Promise.resolve({
        didResolveOperation({ operation: op, operationName }) {
          if (op === undefined) return Promise.resolve();
          type = op.operation;
          operation =
            operationName !== null && knownOperations().has(operationName)
              ? operationName
              : `field:${firstRootField(op)}`;
          return Promise.resolve();
        },
        willSendResponse({ response, schema }) {
          // An alias can answer any field under the key `__typename`: only a type of the schema counts.
          const answered = resultOf(response.body);
          const result =
            ["ok", "error", "incremental"].includes(answered) ||
            isObjectType(schema.getType(answered))
              ? answered
              : "ok";
          const labels = { operation, type, result };
          metrics.graphqlOperations.inc(labels);
          metrics.graphqlDuration.observe(
            labels,
            Number(process.hrtime.bigint() - startedAt) / 1e9,
          );
          return Promise.resolve();
        },
      });
    },
  };
}

function firstRootField(op: OperationDefinitionNode): string {
  const first = op.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : "fragment";
}

function resultOf(
  body:
    | { kind: "single"; singleResult: { data?: unknown; errors?: readonly unknown[] } }
    | { kind: "incremental" },
): string {
  if (body.kind !== "single") return "incremental";
  const { data, errors } = body.singleResult;
  if (errors !== undefined && errors.length > 0) return "error";
  const first: unknown = data && typeof data === "object" ? Object.values(data)[0] : undefined;
  const typename =
    first && typeof first === "object" ? (first as { __typename?: unknown }).__typename : undefined;
  return typeof typename === "string" ? typename : "ok";
}
