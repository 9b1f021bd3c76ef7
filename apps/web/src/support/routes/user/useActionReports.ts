import { useCallback, useState } from "react";
import type { MutationOutcome } from "../../../lib/useResultMutation";
import { sessionEnded } from "../../app/session";
import { type ActionReport, type ActionResult, actionReport } from "./action-answer";

export interface ShownReport {
  /** Which action, in words ("Deactivate account"). */
  action: string;
  report: ActionReport;
  /** Counts reports, so the notice takes focus again for each. */
  n: number;
}

/**
 * The last action's answer on the account's page, whichever action it was: `done(action)` is handed
 * to each ConfirmAction; a done action also reloads the account (`onChanged`).
 */
export function useActionReports(onChanged: () => void) {
  const [shown, setShown] = useState<ShownReport | null>(null);
  const done = useCallback(
    (action: string) => (outcome: MutationOutcome<ActionResult>) => {
      const report = actionReport(outcome);
      if (report.tone === "signedOut") {
        sessionEnded();
        return;
      }
      setShown((last) => ({ action, report, n: (last?.n ?? 0) + 1 }));
      if (report.tone === "success") onChanged();
    },
    [onChanged],
  );
  return { shown, done };
}
