import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { Notice } from "../../../ui/Notice";
import { answerOf, useResultMutation } from "../../../lib/useResultMutation";
import { ErrorSummary } from "../../../ui/ErrorSummary";
import { MutationNotices } from "../../components/MutationNotices";
import { PageHeading } from "../../../ui/PageHeading";
import type { StaffCompleteInviteMutation as Data } from "../../gql/graphql";
import { t } from "../../i18n";
import { AuthenticatorSetUp } from "./AuthenticatorSetUp";
import { StaffCompleteInviteMutation } from "./invite.graphql";
import { PasswordField } from "../../../ui/PasswordField";
import { PasswordPolicy } from "../../../ui/PasswordPolicy";
import { lengthStatus } from "../../../ui/password-policy";

const pick = (data: Data) => data.staffCompleteInvite;
const COUNTER = { short: "counter", ok: "counterOk", long: "counterTooLong" } as const;

/**
 * /support/invite?token=… from the invitation email: choose a password, then add the authenticator
 * secret (shown once) to an app and go to sign-in for a first code. Opening the page changes nothing.
 */
export default function InvitePage() {
  const token = useSearchParams()[0].get("token")?.trim() ?? "";
  const [password, setPassword] = useState("");
  const [required, setRequired] = useState(false);
  const invite = useResultMutation(StaffCompleteInviteMutation, pick);
  const answer = answerOf(invite.outcome);
  const setUpRef = useRef<HTMLDivElement>(null);
  const completed = answer?.__typename === "StaffInviteCompleted" ? answer.totpUri : null;

  useEffect(() => {
    if (completed) setUpRef.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [completed]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    invite.clear();
    setRequired(password === "");
    if (password === "") {
      invite.countAttempt();
      return;
    }
    await invite.submit({ input: { token, password } });
  }

  const problems = required
    ? [t("invite.required")]
    : answer?.__typename === "PasswordRejected"
      ? answer.problems.map((p) => p.message)
      : [];

  let body;
  if (completed) {
    body = (
      <div ref={setUpRef}>
        <AuthenticatorSetUp totpUri={completed} />
      </div>
    );
  } else if (!token || answer?.__typename === "TokenRejected") {
    body = (
      <Notice tone="warning" focus focusKey={invite.attempt}>
        <p>{answer?.__typename === "TokenRejected" ? answer.message : t("invite.missingToken")}</p>
        <p>
          <Link to="/sign-in">{t("invite.signIn")}</Link>
        </p>
      </Notice>
    );
  } else {
    body = (
      <>
        <p>{t("invite.intro")}</p>
        <ErrorSummary
          items={problems.map((message) => ({ fieldId: "password", message }))}
          attempt={invite.attempt}
        />
        <MutationNotices outcome={invite.outcome} attempt={invite.attempt} />
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <PasswordPolicy
            status={lengthStatus(password)}
            heading={t("invite.policyHeading")}
            lengthRule={t("invite.policyLength")}
            otherRules={[t("invite.policyAny"), t("invite.policyGuess")]}
          />
          <PasswordField
            texts={{
              label: t("invite.password"),
              show: t("invite.show"),
              hide: t("invite.hide"),
              counter: (count, status) => t(`invite.${COUNTER[status]}`, { count }),
            }}
            value={password}
            onChange={setPassword}
            error={problems.length > 0 ? problems.join(" ") : undefined}
          />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={invite.busy}>
              {invite.busy ? t("invite.submitting") : t("invite.submit")}
            </button>
          </div>
        </form>
      </>
    );
  }

  return (
    <div className="page page--wide">
      <div className="card">
        <PageHeading title={t("invite.title")} />
        {body}
      </div>
    </div>
  );
}
