import type { PasswordProblemCode as ProblemCode } from "@portal/matching";
import { useState, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { useNavigate, useSearchParams } from "react-router";
import { graphql } from "../../gql";
import { ErrorSummary } from "../../ui/ErrorSummary";
import { PageHeading } from "../../ui/PageHeading";
import { MutationNotices } from "../../lib/MutationNotices";
import { answerOf, type useResultMutation } from "../../lib/useResultMutation";
import { PasswordField } from "../../ui/PasswordField";
import { PasswordPolicy } from "../../ui/PasswordPolicy";
import { lengthStatus } from "../../ui/password-policy";
import { type TokenCode, TokenProblemNotice } from "./TokenProblemNotice";

/** The server's objections to a password, as this form puts them on the field (both mutations select it). */
export const PasswordRejectedAnswerFragment = graphql(`
  fragment PasswordRejectedAnswer on PasswordRejected {
    problems {
      code
      message
    }
  }
`);

/**
 * What this page reads of CompleteEnrollmentResult and ResetPasswordResult: each page passes its
 * mutation with the union generated from the schema, which must fit this shape.
 */
export type SetPasswordResult =
  | { __typename?: "EnrollmentCompleted" | "PasswordResetCompleted" | "RateLimited" }
  | { __typename?: "TokenRejected"; code: TokenCode }
  | { __typename?: "PasswordRejected"; problems: { code: ProblemCode; message: string }[] };

export type SetPasswordMutation = ReturnType<
  typeof useResultMutation<
    unknown,
    { input: { token: string; password: string } },
    SetPasswordResult
  >
>;

const COUNTER = { short: "counter", ok: "counterOk", long: "counterTooLong" } as const;

/**
 * Set a password with the token from an emailed link (verify or reset). Opening the page changes
 * nothing; only submitting uses the link. The policy is explained and the length counted as one types.
 */
export function SetPasswordForm({
  mode,
  mutation,
}: {
  mode: "verify" | "reset";
  mutation: SetPasswordMutation;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get("token")?.trim() ?? "";
  const [password, setPassword] = useState("");
  const [required, setRequired] = useState(false);
  const prefix = mode === "verify" ? "verify" : "reset";

  const answer = answerOf(mutation.outcome);
  const tokenCode: TokenCode | null = !token
    ? "INVALID"
    : answer?.__typename === "TokenRejected"
      ? answer.code
      : null;
  // English readers get the server's advice as written; other languages the translated text.
  const problems = required
    ? [{ code: "REQUIRED", message: t("password.required") }]
    : answer?.__typename === "PasswordRejected"
      ? answer.problems.map((p) => ({
          code: p.code,
          message: i18n.language === "en" ? p.message : t(`password.problems.${p.code}`),
        }))
      : [];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.clear();
    setRequired(password === "");
    if (password === "") {
      mutation.countAttempt();
      return;
    }
    // Length is shown live; the server judges everything, including guessability.
    const done = answerOf(await mutation.submit({ input: { token, password } }));
    if (
      done?.__typename === "EnrollmentCompleted" ||
      done?.__typename === "PasswordResetCompleted"
    ) {
      void navigate("/contracts", {
        state: { notice: mode === "verify" ? "ready" : "passwordChanged" },
      });
    }
  }

  return (
    <div className="page">
      <div className="card">
        <PageHeading title={t(`password.${prefix}Title`)}>
          {t(`password.${prefix}Heading`)}
        </PageHeading>
        {tokenCode ? (
          <TokenProblemNotice
            mode={mode}
            code={tokenCode}
            hasToken={token !== ""}
            attempt={mutation.attempt}
          />
        ) : (
          <>
            <p>{t(`password.${prefix}Intro`)}</p>
            <ErrorSummary
              items={problems.map((p) => ({ fieldId: "password", message: p.message }))}
              attempt={mutation.attempt}
            />
            <MutationNotices outcome={mutation.outcome} attempt={mutation.attempt} />
            <PasswordPolicy
              status={lengthStatus(password)}
              heading={t("password.policyHeading")}
              lengthRule={t("password.policyLength")}
              otherRules={[t("password.policyAny"), t("password.policyGuess")]}
              tip={t("password.policyTip")}
            />
            <form noValidate onSubmit={(event) => void onSubmit(event)}>
              <PasswordField
                texts={{
                  label: mode === "verify" ? t("fields.password") : t("fields.newPassword"),
                  show: t("password.show"),
                  hide: t("password.hide"),
                  counter: (count, status) => t(`password.${COUNTER[status]}`, { count }),
                  announce: { ok: t("password.liveOk"), long: t("password.liveLong") },
                }}
                value={password}
                onChange={setPassword}
                error={problems.length ? problems.map((p) => p.message).join(" ") : undefined}
              />
              <div className="actions">
                <button type="submit" className="button button--primary" disabled={mutation.busy}>
                  {mutation.busy
                    ? t("password.submitting")
                    : mode === "verify"
                      ? t("password.submitVerify")
                      : t("password.submitReset")}
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
