import type { MutationOutcome } from "./useResultMutation";
import { NetworkErrorNotice } from "./NetworkErrorNotice";
import { RateLimitNotice } from "./RateLimitNotice";

/** The notices every mutation page shows the same way: a rate limit, or no usable answer. */
export function MutationNotices({
  outcome,
  attempt,
}: {
  outcome: MutationOutcome<{ __typename?: string }> | null;
  attempt: number;
}) {
  if (outcome?.kind === "rateLimited")
    return (
      <RateLimitNotice
        retryAfterSeconds={outcome.retryAfterSeconds}
        until={outcome.until}
        focusKey={attempt}
      />
    );
  if (outcome?.kind === "error") return <NetworkErrorNotice focusKey={attempt} />;
  return null;
}
