import { useApolloClient } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { Notice } from "../../../ui/Notice";
import { useFormValues } from "../../../lib/useFormValues";
import { answerOf, useResultMutation } from "../../../lib/useResultMutation";
import { StaffMeQuery } from "../../app/staff.graphql";
import { ErrorSummary, type SummaryItem } from "../../../ui/ErrorSummary";
import { TextField } from "../../../ui/TextField";
import { MutationNotices } from "../../components/MutationNotices";
import { PageHeading } from "../../../ui/PageHeading";
import type { StaffSignInMutation as Data } from "../../gql/graphql";
import { t } from "../../i18n";
import { CODE_DIGITS, isCode, normalizeCode } from "./code";
import { StaffSignInMutation } from "./sign-in.graphql";

type FieldName = "email" | "password" | "code";
const pick = (data: Data) => data.staffSignIn;

/** Staff sign-in: email, password and the authenticator's current code, all three every time. */
export default function SignInPage() {
  const navigate = useNavigate();
  const client = useApolloClient();
  const state = useLocation().state as { from?: string; notice?: string } | null;
  const form = useFormValues<FieldName>({ email: "", password: "", code: "" });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const signIn = useResultMutation(StaffSignInMutation, pick);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    signIn.clear();
    const { email, password } = form.values;
    const code = normalizeCode(form.values.code);
    const found: Partial<Record<FieldName, string>> = {};
    if (email.trim() === "") found.email = t("signIn.emailRequired");
    if (password === "") found.password = t("signIn.passwordRequired");
    if (code === "") found.code = t("signIn.codeRequired");
    else if (!isCode(code)) found.code = t("signIn.codeFormat");
    setFieldErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      signIn.countAttempt();
      return;
    }
    const answer = answerOf(
      await signIn.submit({ input: { email: email.trim(), password, code } }),
    );
    if (answer?.__typename === "StaffSignedIn") {
      client.writeQuery({
        query: StaffMeQuery,
        data: { __typename: "Query", staffMe: answer.staff },
      });
      const from = state?.from && state.from !== "/sign-in" ? state.from : "/search";
      void navigate(from, { replace: true });
    } else if (answer?.__typename === "StaffSignInFailed") {
      // A code works once: the next try needs the next code (and the password again).
      form.setValue("password", "");
      form.setValue("code", "");
      setFailure(answer.message);
    }
  }

  const summary: SummaryItem[] = failure
    ? [{ fieldId: "email", message: failure }]
    : (Object.entries(fieldErrors) as [FieldName, string][]).map(([fieldId, message]) => ({
        fieldId,
        message,
      }));

  return (
    <div className="page">
      <div className="card">
        <PageHeading title={t("signIn.title")} />
        {state?.notice === "sessionEnded" && (
          <Notice tone="info" live>
            <p>{t("app.sessionEnded")}</p>
          </Notice>
        )}
        {state?.notice === "signedOut" && (
          <Notice tone="success" live>
            <p>{t("signIn.signedOut")}</p>
          </Notice>
        )}
        <p>{t("signIn.intro")}</p>
        <ErrorSummary items={summary} attempt={signIn.attempt} />
        <MutationNotices outcome={signIn.outcome} attempt={signIn.attempt} />
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <TextField
            {...form.field("email")}
            id="email"
            label={t("signIn.email")}
            type="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            error={fieldErrors.email}
          />
          <TextField
            {...form.field("password")}
            id="password"
            label={t("signIn.password")}
            type="password"
            autoComplete="current-password"
            error={fieldErrors.password}
          />
          <TextField
            {...form.field("code")}
            id="code"
            label={t("signIn.code")}
            hint={t("signIn.codeHint")}
            className="input--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern={`[0-9]{${CODE_DIGITS}}`}
            maxLength={CODE_DIGITS + 2}
            spellCheck={false}
            error={fieldErrors.code}
          />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={signIn.busy}>
              {signIn.busy ? t("signIn.submitting") : t("signIn.submit")}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
