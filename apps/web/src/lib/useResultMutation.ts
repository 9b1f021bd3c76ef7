import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useCallback, useState } from "react";
import { rateLimitOf, rateLimitOfError } from "./rate-limit";

/** A member of a mutation's result union (`EnrollmentStarted`, `SignInFailed`, `RateLimited`, …). */
type Member = { __typename?: string };

/**
 * What a submitted mutation came to, for a page to render: the API's answer (any member of the
 * result union but `RateLimited`), a rate limit with its wait, or no usable answer at all (network
 * failure, server error; logged with the request id by the Apollo link, see app/apollo.ts).
 */
export type MutationOutcome<R extends Member> =
  | { kind: "answer"; result: Exclude<R, { __typename?: "RateLimited" }> }
  | { kind: "rateLimited"; retryAfterSeconds: number | null; until: Date | null }
  | { kind: "error" };

/**
 * The one way pages call mutations: `submit` runs the mutation and turns its result union into a
 * `MutationOutcome`, which it returns and keeps in `outcome` for rendering. `attempt` counts
 * submissions (and checks a page makes itself, with `countAttempt`), so notices take the focus again
 * on each try.
 */
export function useResultMutation<TData, TVariables extends OperationVariables, R extends Member>(
  document: TypedDocumentNode<TData, TVariables>,
  pick: (data: TData) => R | null | undefined,
) {
  const [mutate, { loading }] = useMutation(document);
  // Apollo's own signature spells out which variables are optional; here they are always all given.
  const run = mutate as unknown as (options: {
    variables: TVariables;
  }) => Promise<{ data?: TData | null }>;
  const [outcome, setOutcome] = useState<MutationOutcome<R> | null>(null);
  const [attempt, setAttempt] = useState(0);

  const submit = useCallback(
    async (variables: TVariables): Promise<MutationOutcome<R>> => {
      setOutcome(null);
      let next: MutationOutcome<R>;
      try {
        const { data } = await run({ variables });
        const result = data ? pick(data) : null;
        const limited = rateLimitOf(result);
        if (limited) next = limitedUntil(limited);
        else if (result)
          next = { kind: "answer", result: result as Exclude<R, { __typename?: "RateLimited" }> };
        else next = { kind: "error" };
      } catch (error) {
        const limited = rateLimitOfError(error);
        next = limited ? limitedUntil(limited) : { kind: "error" };
      }
      setOutcome(next);
      setAttempt((n) => n + 1);
      return next;
    },
    [run, pick],
  );

  const countAttempt = useCallback(() => setAttempt((n) => n + 1), []);
  const clear = useCallback(() => setOutcome(null), []);
  return { submit, outcome, attempt, countAttempt, clear, busy: loading };
}

/** A rate limit with the time it ends, read from the clock when the answer arrives. */
function limitedUntil({ retryAfterSeconds }: { retryAfterSeconds: number | null }): {
  kind: "rateLimited";
  retryAfterSeconds: number | null;
  until: Date | null;
} {
  return {
    kind: "rateLimited",
    retryAfterSeconds,
    until: retryAfterSeconds === null ? null : new Date(Date.now() + retryAfterSeconds * 1000),
  };
}

/** The answer's member when the outcome is one, for `switch`es on `__typename`. */
export function answerOf<R extends Member>(outcome: MutationOutcome<R> | null) {
  return outcome?.kind === "answer" ? outcome.result : null;
}
