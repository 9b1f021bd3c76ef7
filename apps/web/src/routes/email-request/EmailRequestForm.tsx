import { isSingleEmailAddress } from "@portal/matching";
import { useState, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { Link, useLocation } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Notice } from "../../components/Notice";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/TextField";
import { fieldErrorMessage } from "../../lib/field-errors";
import { rateLimitOf, rateLimitOfError } from "../../lib/rate-limit";
import { RateLimitNotice } from "../../lib/RateLimitNotice";
import { NetworkErrorNotice } from "../../lib/NetworkErrorNotice";

type Outcome = { kind: "sent" } | { kind: "rateLimited"; retryAfterSeconds: number | null } | { kind: "error" } | null;

/**
 * "Send the email again" and "Forgot your password": one email field. The answer is the same whether
 * or not the address has an account, so the page says "if".
 */
export function EmailRequestForm({
  texts,
  send,
}: {
  texts: "resend" | "forgot";
  send(email: string): Promise<{ __typename: string } | undefined>;
}) {
  const { t } = useTranslation();
  const initial = (useLocation().state as { email?: string } | null)?.email ?? "";
  const [email, setEmail] = useState(initial);
  const [error, setError] = useState<"REQUIRED" | "INVALID_EMAIL" | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const problem = email.trim() === "" ? "REQUIRED" : isSingleEmailAddress(email) ? null : "INVALID_EMAIL";
    setError(problem);
    setAttempt((n) => n + 1);
    if (problem) return;
    setBusy(true);
    try {
      const result = await send(email.trim());
      const limited = rateLimitOf(result);
      setOutcome(limited ? { kind: "rateLimited", ...limited } : result ? { kind: "sent" } : { kind: "error" });
    } catch (failure) {
      const limited = rateLimitOfError(failure);
      setOutcome(limited ? { kind: "rateLimited", ...limited } : { kind: "error" });
    } finally {
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  const message = error ? fieldErrorMessage(t, "email", error) : undefined;
  return (
    <div className="page">
      <div className="card">
        <PageHeading title={t(`${texts}.title`)}>{t(`${texts}.heading`)}</PageHeading>
        <p>{t(`${texts}.intro`)}</p>
        <ErrorSummary items={message ? [{ fieldId: "email", message }] : []} attempt={attempt} />
        {outcome?.kind === "sent" && (
          <Notice tone="success" focus focusKey={attempt}>
            <p>{t(`${texts}.done`)}</p>
          </Notice>
        )}
        {outcome?.kind === "rateLimited" && <RateLimitNotice retryAfterSeconds={outcome.retryAfterSeconds} focusKey={attempt} />}
        {outcome?.kind === "error" && <NetworkErrorNotice focusKey={attempt} />}
        <form noValidate onSubmit={onSubmit}>
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
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t(`${texts}.submitting`) : t(`${texts}.submit`)}
            </button>
            <Link to="/sign-in">{t("signIn.title")}</Link>
          </div>
        </form>
      </div>
    </div>
  );
}
