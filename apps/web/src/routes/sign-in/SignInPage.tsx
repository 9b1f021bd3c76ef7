import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { Link, useNavigate } from "react-router";
import { ErrorSummary, type SummaryItem } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/TextField";
import { usePortalCopy } from "../../copy/usePortalCopy";
import { rateLimitOf, rateLimitOfError } from "../../lib/rate-limit";
import { useFormValues } from "../../lib/useFormValues";
import { RateLimitNotice } from "../../lib/RateLimitNotice";
import { NetworkErrorNotice } from "../../lib/NetworkErrorNotice";
import { SignInMutation } from "./sign-in.graphql";

type Outcome = { kind: "failed" } | { kind: "rateLimited"; retryAfterSeconds: number | null } | { kind: "error" } | null;

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { copy } = usePortalCopy();
  const form = useFormValues<"email" | "password">({ email: "", password: "" });
  const [missing, setMissing] = useState<("email" | "password")[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [attempt, setAttempt] = useState(0);
  const [signIn, { loading }] = useMutation(SignInMutation);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const values = form.values;
    const blank = (["email", "password"] as const).filter((field) => values[field].trim() === "");
    setMissing(blank);
    setAttempt((n) => n + 1);
    if (blank.length > 0) return;
    try {
      const { data } = await signIn({ variables: { input: { email: values.email.trim(), password: values.password } } });
      const result = data?.signIn;
      const limited = rateLimitOf(result);
      if (limited) setOutcome({ kind: "rateLimited", ...limited });
      else if (result?.__typename === "SignedIn") navigate("/contracts");
      else if (result?.__typename === "SignInFailed") {
        form.setValue("password", "");
        setOutcome({ kind: "failed" });
      } else setOutcome({ kind: "error" });
    } catch (error) {
      const limited = rateLimitOfError(error);
      setOutcome(limited ? { kind: "rateLimited", ...limited } : { kind: "error" });
    }
    setAttempt((n) => n + 1);
  }

  const messages = { email: t("signIn.emailRequired"), password: t("signIn.passwordRequired") };
  const summary: SummaryItem[] =
    outcome?.kind === "failed" ? [{ message: t("signIn.failed"), fieldId: "email" }] : missing.map((field) => ({ fieldId: field, message: messages[field] }));

  return (
    <div className="page">
      <PageHeading title={t("signIn.title")}>{t("signIn.heading", { portalName: copy?.portalName ?? "" })}</PageHeading>
      <p className="lead">{t("signIn.intro")}</p>
      <div className="split">
        <section className="card" aria-label={t("signIn.title")}>
          <ErrorSummary items={summary} attempt={attempt} />
          {outcome?.kind === "rateLimited" && <RateLimitNotice retryAfterSeconds={outcome.retryAfterSeconds} focusKey={attempt} />}
          {outcome?.kind === "error" && <NetworkErrorNotice focusKey={attempt} />}
          <form noValidate onSubmit={onSubmit}>
            <TextField
              id="email"
              label={t("fields.email")}
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              autoCapitalize="none"
              error={missing.includes("email") ? messages.email : undefined}
              {...form.field("email")}
            />
            <TextField
              id="password"
              label={t("fields.password")}
              type="password"
              autoComplete="current-password"
              error={missing.includes("password") ? messages.password : undefined}
              {...form.field("password")}
            />
            <div className="actions">
              <button type="submit" className="button button--primary" disabled={loading}>
                {loading ? t("signIn.submitting") : t("signIn.submit")}
              </button>
              <Link to="/forgot-password">{t("signIn.forgot")}</Link>
            </div>
          </form>
        </section>
        <aside className="card card--accent" aria-labelledby="new-here">
          <h2 id="new-here">{t("signIn.newHereHeading")}</h2>
          <p>{t("signIn.newHereText")}</p>
          <Link className="button button--primary button--block" to="/register">
            {t("signIn.registerLink")}
          </Link>
          <p className="small">
            {t("signIn.notVerified")} <Link to="/resend">{t("signIn.resendLink")}</Link>
          </p>
        </aside>
      </div>
    </div>
  );
}
