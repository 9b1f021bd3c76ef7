import { Notice } from "../../../ui/Notice";
import { MutationNotices } from "../../components/MutationNotices";
import { graphql } from "../../gql";
import { t } from "../../i18n";
import type { ShownReport } from "./useActionReports";

/** What every support action answers, as this notice shows it (through `actionReport`). */
export const ActionAnswerFragment = graphql(`
  fragment ActionAnswer on SupportActionResult {
    __typename
    ... on SupportActionDone {
      message
    }
    ... on SupportActionRefused {
      code
      message
    }
    ... on RateLimited {
      retryAfterSeconds
      message
    }
  }
`);

/** The last action's answer, focused when it arrives: the server's message, and its code when refused. */
export function ActionReportNotice({ shown }: { shown: ShownReport }) {
  const { report, action, n } = shown;
  if (report.tone === "notice") return <MutationNotices outcome={report.outcome} attempt={n} />;
  if (report.tone === "signedOut") return null;
  return (
    <div className="action-report">
      <Notice
        tone={report.tone}
        focus
        focusKey={n}
        title={
          report.tone === "success"
            ? `${action}: ${t("actions.done")}`
            : `${action}: ${t("actions.refused", { code: report.code })}`
        }
      >
        <p>{report.message}</p>
      </Notice>
    </div>
  );
}
