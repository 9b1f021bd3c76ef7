import type { ApolloServerPlugin } from "@apollo/server";
import { isObjectType } from "graphql";
import type { PortalMetrics } from "../metrics/portal-metrics";
import type { TrustedDocuments } from "./trusted-documents";

/**
 * Counts and times every GraphQL operation by operation, type and result. The `operation` label is
 * the name of the trusted document (the web app's manifest) the request ran, found by the SHA-256
 * of the document that ran: `other` for any document a client wrote itself (where arbitrary
 * operations are allowed), whatever it calls itself, since its name and its fields are the
 * client's choice. `result` is the answer's `__typename` (the result unions: EnrollmentStarted,
 * EnrollmentRejected, RateLimited…), `ok` when it has none, or `error` when the answer carries
 * errors (`invalid` operations never got past parsing/validation).
 */
export function metricsPlugin(
  metrics: PortalMetrics,
  trusted: Pick<TrustedDocuments, "lookup">,
): ApolloServerPlugin {
  return {
    requestDidStart() {
      const startedAt = process.hrtime.bigint();
      let operation = "invalid";
      let type = "unknown";
      return Promise.resolve({
        didResolveOperation({ operation: op, queryHash }) {
          if (op === undefined) return Promise.resolve();
          type = op.operation;
          // The trusted-documents middleware put the server's copy in place of the request's, so
          // the hash of what runs is the manifest's key exactly when a trusted document runs.
          operation = trusted.lookup(queryHash)?.operationName ?? "other";
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
