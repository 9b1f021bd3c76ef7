import { ServerError } from "@apollo/client/errors";

/**
 * A result union member the API may answer with (`RateLimited { retryAfterSeconds message }`). Read by
 * `__typename` and field name, so this compiles whether or not the committed schema has the type yet.
 */
export function rateLimitOf(
  result: { __typename?: string } | null | undefined,
): { retryAfterSeconds: number | null } | null {
  if (!result || result.__typename !== "RateLimited") return null;
  const seconds = (result as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return {
    retryAfterSeconds: typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : null,
  };
}

/** An HTTP 429 from a limiter in front of GraphQL, with its Retry-After header when sent. */
export function rateLimitOfError(error: unknown): { retryAfterSeconds: number | null } | null {
  if (!ServerError.is(error) || error.statusCode !== 429) return null;
  const header = Number(error.response.headers.get("retry-after"));
  return { retryAfterSeconds: Number.isFinite(header) && header > 0 ? Math.ceil(header) : null };
}

/** Splits a wait into the largest sensible unit, rounding up so a person never retries too early. */
export function waitParts(seconds: number): {
  unit: "seconds" | "minutes" | "hours";
  count: number;
} {
  if (seconds < 60) return { unit: "seconds", count: seconds };
  if (seconds < 3600) return { unit: "minutes", count: Math.ceil(seconds / 60) };
  return { unit: "hours", count: Math.ceil(seconds / 3600) };
}
