import type { MutationOutcome } from "../../../lib/useResultMutation";
import type { ActionAnswerFragment } from "../../gql/graphql";

/** What a support action answered (the ActionAnswer fragment, ActionReportNotice.tsx). */
export type ActionResult = ActionAnswerFragment;

/** An action's outcome, told the same way for every action. */
export type ActionReport =
  | { tone: "success"; message: string }
  | { tone: "warning"; code: string; message: string }
  | { tone: "notice"; outcome: MutationOutcome<{ __typename?: string }> }
  | { tone: "signedOut" };

/**
 * Turns what useResultMutation made of an action's answer into what the page shows: done, refused
 * with the server's code and words (ADMIN_ONLY included: the server decides, whatever the page
 * offered), a rate limit or no answer (the shared notices), or a session that has ended.
 */
export function actionReport(outcome: MutationOutcome<ActionResult>): ActionReport {
  if (outcome.kind !== "answer") return { tone: "notice", outcome };
  const answer = outcome.result;
  switch (answer.__typename) {
    case "SupportActionDone":
      return { tone: "success", message: answer.message };
    case "SupportActionRefused":
      return answer.code === "SIGN_IN_REQUIRED"
        ? { tone: "signedOut" }
        : { tone: "warning", code: answer.code, message: answer.message };
    default:
      return { tone: "notice", outcome: { kind: "error" } };
  }
}
