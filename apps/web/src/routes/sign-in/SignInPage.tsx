import { useState, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { Link, useNavigate } from "react-router";
import { ErrorSummary, type SummaryItem } from "../../ui/ErrorSummary";
import { PageHeading } from "../../ui/PageHeading";
import { TextField } from "../../ui/TextField";
import { usePortalCopy } from "../../copy/usePortalCopy";
import { MutationNotices } from "../../lib/MutationNotices";
import { useFormValues } from "../../lib/useFormValues";
import { answerOf, useResultMutation } from "../../lib/useResultMutation";
import type { SignInMutation as SignInData } from "../../gql/graphql";
import { SignInMutation } from "./sign-in.graphql";

const pickSignIn = (data: SignInData) => data.signIn;

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { copy } = usePortalCopy();
  const form = useFormValues<"email" | "password">({ email: "", password: "" });
  const [missing, setMissing] = useState<("email" | "password")[]>([]);
  const signIn = useResultMutation(SignInMutation, pickSignIn);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    signIn.clear();
    const values = form.values;
    const blank = (["email", "password"] as const).filter((field) => values[field].trim() === "");
    setMissing(blank);
    signIn.countAttempt();
    if (blank.length > 0) return;
    const outcome = await signIn.submit({
      input: { email: values.email.trim(), password: values.password },
    });
    const answer = answerOf(outcome);
    if (answer?.__typename === "SignedIn") void navigate("/contracts");
    else if (answer?.__typename === "SignInFailed") form.setValue("password", "");
  }

  const messages = { email: t("signIn.emailRequired"), password: t("signIn.passwordRequired") };
  const summary: SummaryItem[] =
    answerOf(signIn.outcome)?.__typename === "SignInFailed"
      ? [{ message: t("signIn.failed"), fieldId: "email" }]
      : missing.map((field) => ({ fieldId: field, message: messages[field] }));

  return (
    <div className="page">
      <PageHeading title={t("signIn.title")}>
        {t("signIn.heading", { portalName: copy?.portalName ?? "" })}
      </PageHeading>
      <p className="lead">{t("signIn.intro")}</p>
      <div className="split">
        <section className="card" aria-label={t("signIn.title")}>
          <ErrorSummary items={summary} attempt={signIn.attempt} />
          <MutationNotices outcome={signIn.outcome} attempt={signIn.attempt} />
          <form noValidate onSubmit={(event) => void onSubmit(event)}>
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
              <button type="submit" className="button button--primary" disabled={signIn.busy}>
                {signIn.busy ? t("signIn.submitting") : t("signIn.submit")}
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
