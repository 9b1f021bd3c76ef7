import { CombinedGraphQLErrors } from "@apollo/client/errors";

/**
 * The message of a query's BAD_USER_INPUT error (e.g. "The search is too long."): the server's own
 * words about what was typed, safe to show. Anything else is not the person's to fix.
 */
export function badInputMessage(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  return error.errors.find((e) => e.extensions?.code === "BAD_USER_INPUT")?.message ?? null;
}
