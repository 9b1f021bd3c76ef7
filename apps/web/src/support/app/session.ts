import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/**
 * "The staff session is over": said by the Apollo link when the server answers UNAUTHENTICATED (or an
 * action SIGN_IN_REQUIRED), heard by the router, which goes to the sign-in page. A tiny event target,
 * because the client lives outside the router.
 */
const listeners = new Set<() => void>();

export function sessionEnded(): void {
  for (const listener of listeners) listener();
}

export function onSessionEnded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An Apollo error that means "no staff session": a GraphQL UNAUTHENTICATED error or an HTTP 401. */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")
  );
}
