import { isSingleEmailAddress } from "@portal/matching";
import { useState, type FormEvent } from "react";
import { graphql } from "../../gql";
import { useTranslation } from "../../i18n";
import { Link, useLocation } from "react-router";
import { ErrorSummary } from "../../ui/ErrorSummary";
import { Notice } from "../../ui/Notice";
import { PageHeading } from "../../ui/PageHeading";
import { TextField } from "../../ui/TextField";
import { fieldErrorMessage } from "../../lib/field-errors";
import { MutationNotices } from "../../lib/MutationNotices";
import type { useResultMutation } from "../../lib/useResultMutation";

/** What both requests answer (EmailRequestResult), as this form shows it. */
export const EmailRequestAnswerFragment = graphql(`
  fragment EmailRequestAnswer on EmailRequestResult {
    __typename
    ... on EmailRequestAccepted {
      message
    }
    ... on RateLimited {
      retryAfterSeconds
    }
  }
`);

/**
 * "Send the email again" and "Forgot your password": one email field. The answer is the same whether
 * or not the address has an account, so the page says "if".
 */
export function EmailRequestForm({
  texts,
  request,
}: {
  texts: "resend" | "forgot";
  /** The page's mutation (`requestVerificationEmail` or `requestPasswordReset`) through useResultMutation. */
  request: ReturnType<
    typeof useResultMutation<unknown, { input: { email: string } }, { __typename?: string }>
  >;
}) {
  const { t } = useTranslation();
  const initial = (useLocation().state as { email?: string } | null)?.email ?? "";
  const [email, setEmail] = useState(initial);
  const [error, setError] = useState<"REQUIRED" | "INVALID_EMAIL" | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    request.clear();
    const problem =
      email.trim() === "" ? "REQUIRED" : isSingleEmailAddress(email) ? null : "INVALID_EMAIL";
    setError(problem);
    request.countAttempt();
    if (problem) return;
    await request.submit({ input: { email: email.trim() } });
  }

  const message = error ? fieldErrorMessage(t, "email", error) : undefined;
  return (
    <div className="page">
      <div className="card">
        <PageHeading title={t(`${texts}.title`)}>{t(`${texts}.heading`)}</PageHeading>
        <p>{t(`${texts}.intro`)}</p>
        <ErrorSummary
          items={message ? [{ fieldId: "email", message }] : []}
          attempt={request.attempt}
        />
        {request.outcome?.kind === "answer" && (
          <Notice tone="success" focus focusKey={request.attempt}>
            <p>{t(`${texts}.done`)}</p>
          </Notice>
        )}
        <MutationNotices outcome={request.outcome} attempt={request.attempt} />
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <TextField
            id="email"
            name="email"
            label={t("fields.email")}
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={message}
          />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={request.busy}>
              {request.busy ? t(`${texts}.submitting`) : t(`${texts}.submit`)}
            </button>
            <Link to="/sign-in">{t("signIn.title")}</Link>
          </div>
        </form>
      </div>
    </div>
  );
}
