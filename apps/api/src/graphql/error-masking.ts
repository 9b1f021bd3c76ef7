import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "../logging/logger";

/** Codes whose messages are about the request itself and safe to return as they are. */
const CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "UNAUTHENTICATED",
]);

/** graphql-js suggests names ("Did you mean the enum value "EN"?"): they describe the schema, which is not for strangers. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A mistake in the request (bad document, unknown field, wrong hash), as opposed to a failure of ours. */
export function isClientError(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) return true;
  // Apollo's own request errors (e.g. an APQ hash that does not match) carry their 4xx status.
  const status =
    error instanceof GraphQLError
      ? (error.extensions.http as { status?: unknown } | undefined)?.status
      : undefined;
  return typeof status === "number" && status >= 400 && status < 500;
}

/**
 * Client mistakes are answered as they are (without suggestions) and logged as such, at info level.
 * Unexpected errors are logged with detail at error level and reach the client as a generic message.
 */
export function maskErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isClientError(formatted, error)) {
      const message = formatted.message.replace(SUGGESTION, "");
      log.info({ code: formatted.extensions?.code, message }, "client error in GraphQL request");
      return { ...formatted, message };
    }
    log.error(
      { err: unwrapResolverError(error), path: formatted.path },
      "unexpected GraphQL error",
    );
    return {
      message: "Something went wrong on our side. Please try again later.",
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
