import { Notice } from "../../ui/Notice";
import { waitParts } from "../../lib/rate-limit";
import type { MutationOutcome } from "../../lib/useResultMutation";
import { t } from "../i18n";

/** A rate limit (how long, until when) or no usable answer, the same way on every staff page. */
export function MutationNotices({
  outcome,
  attempt,
}: {
  outcome: MutationOutcome<{ __typename?: string }> | null;
  attempt: number;
}) {
  if (outcome?.kind === "rateLimited") {
    const { retryAfterSeconds, until } = outcome;
    let text = t("errors.rateLimitedNoTime");
    if (retryAfterSeconds !== null && until !== null) {
      const { unit, count } = waitParts(retryAfterSeconds);
      const time = until.toLocaleTimeString("en-CA", { hour: "numeric", minute: "2-digit" });
      text = t("errors.rateLimited", { wait: t(`duration.${unit}`, { count }), time });
    }
    return (
      <Notice tone="warning" focus focusKey={attempt}>
        <p>{text}</p>
      </Notice>
    );
  }
  if (outcome?.kind === "error")
    return (
      <Notice tone="warning" focus focusKey={attempt}>
        <p>{t("errors.network")}</p>
      </Notice>
    );
  return null;
}
