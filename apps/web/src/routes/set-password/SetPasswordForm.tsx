import { useState, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Notice } from "../../components/Notice";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/TextField";
import { rateLimitOf, rateLimitOfError } from "../../lib/rate-limit";
import { RateLimitNotice } from "../../lib/RateLimitNotice";
import { NetworkErrorNotice } from "../../lib/NetworkErrorNotice";
import { PASSWORD_MIN, lengthStatus, passwordLength } from "./password-policy";

type TokenCode = "INVALID" | "EXPIRED" | "USED" | "SUPERSEDED";
type ProblemCode = "TOO_SHORT" | "TOO_LONG" | "TOO_GUESSABLE";
export type SetPasswordResult =
  | { __typename: "EnrollmentCompleted" | "PasswordResetCompleted" }
  | { __typename: "TokenRejected"; code: TokenCode }
  | { __typename: "PasswordRejected"; problems: { code: ProblemCode; message: string }[] }
  | { __typename: string };

type Outcome =
  | { kind: "token"; code: TokenCode }
  | { kind: "rateLimited"; retryAfterSeconds: number | null }
  | { kind: "error" }
  | null;

const TOKEN_CODES: readonly string[] = ["INVALID", "EXPIRED", "USED", "SUPERSEDED"];

/**
 * Set a password with the token from an emailed link (verify or reset). Opening the page changes
 * nothing; only submitting uses the link. The policy is explained and the length counted as one types.
 */
export function SetPasswordForm({ mode, submit }: { mode: "verify" | "reset"; submit(token: string, password: string): Promise<SetPasswordResult | undefined> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get("token")?.trim() ?? "";
  const [password, setPassword] = useState("");
  const [visible, setVisible] = useState(false);
  const [problems, setProblems] = useState<{ code: ProblemCode | "REQUIRED"; message: string }[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(token ? null : { kind: "token", code: "INVALID" });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const status = lengthStatus(password);
  const length = passwordLength(password);
  const prefix = mode === "verify" ? "verify" : "reset";

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    if (password === "") {
      setProblems([{ code: "REQUIRED", message: t("password.required") }]);
      setAttempt((n) => n + 1);
      return;
    }
    // Length is shown live; the server judges everything, including guessability.
    setBusy(true);
    try {
      const result = await submit(token, password);
      const limited = rateLimitOf(result);
      if (limited) setOutcome({ kind: "rateLimited", ...limited });
      else if (result?.__typename === "EnrollmentCompleted" || result?.__typename === "PasswordResetCompleted") {
        navigate("/contracts", { state: { notice: mode === "verify" ? "ready" : "passwordChanged" } });
        return;
      } else if (result && "code" in result && TOKEN_CODES.includes(result.code)) {
        setProblems([]);
        setOutcome({ kind: "token", code: result.code });
      } else if (result && "problems" in result) {
        // English readers get the server's advice as written; other languages the translated text.
        setProblems(
          result.problems.map((p) => ({
            code: p.code,
            message: i18n.language === "en" ? p.message : t(`password.problems.${p.code}`),
          })),
        );
      } else setOutcome({ kind: "error" });
    } catch (error) {
      const limited = rateLimitOfError(error);
      setOutcome(limited ? { kind: "rateLimited", ...limited } : { kind: "error" });
    } finally {
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  const newLink = mode === "verify" ? { to: "/resend", text: t("password.newVerifyLink") } : { to: "/forgot-password", text: t("password.newResetLink") };
  const fieldError = problems.length ? problems.map((p) => p.message).join(" ") : undefined;
  const counter =
    status === "short" ? t("password.counter", { count: length }) : status === "ok" ? t("password.counterOk", { count: length }) : t("password.counterTooLong", { count: length });

  return (
    <div className="page">
      <div className="card">
        <PageHeading title={t(`password.${prefix}Title`)}>{t(`password.${prefix}Heading`)}</PageHeading>
        {outcome?.kind === "token" ? (
          <Notice tone="warning" focus focusKey={attempt}>
            <p>{token ? t(`password.token.${outcome.code}`) : t("password.missingToken")}</p>
            <p className="notice__actions">
              <Link className="button button--primary" to={newLink.to}>
                {newLink.text}
              </Link>
              {outcome.code === "USED" && <Link to="/sign-in">{t("signIn.title")}</Link>}
            </p>
          </Notice>
        ) : (
          <>
            <p>{t(`password.${prefix}Intro`)}</p>
            <ErrorSummary items={problems.map((p) => ({ fieldId: "password", message: p.message }))} attempt={attempt} />
            {outcome?.kind === "rateLimited" && <RateLimitNotice retryAfterSeconds={outcome.retryAfterSeconds} focusKey={attempt} />}
            {outcome?.kind === "error" && <NetworkErrorNotice focusKey={attempt} />}
            <div className="policy" id="password-policy">
              <h2 className="policy__title">{t("password.policyHeading")}</h2>
              <ul className="policy__list">
                <li className={status === "ok" ? "policy__item policy__item--met" : "policy__item"}>{t("password.policyLength")}</li>
                <li className="policy__item">{t("password.policyAny")}</li>
                <li className="policy__item">{t("password.policyGuess")}</li>
              </ul>
              <p className="policy__tip">{t("password.policyTip")}</p>
            </div>
            <form noValidate onSubmit={onSubmit}>
              <TextField
                id="password"
                name="password"
                label={mode === "verify" ? t("fields.password") : t("fields.newPassword")}
                type={visible ? "text" : "password"}
                autoComplete="new-password"
                spellCheck={false}
                autoCapitalize="none"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                error={fieldError}
                describedBy={["password-counter", "password-policy"]}
                after={
                  <button type="button" className="button button--ghost reveal" aria-pressed={visible} aria-controls="password" onClick={() => setVisible((v) => !v)}>
                    {visible ? t("password.hide") : t("password.show")}
                  </button>
                }
              />
              <div className="meter" aria-hidden="true">
                <div className={`meter__bar meter__bar--${status}`} style={{ width: `${Math.min(100, (length / PASSWORD_MIN) * 100)}%` }} />
              </div>
              <p id="password-counter" className={`counter counter--${status}`}>
                {counter}
              </p>
              {/* Announced when the length requirement changes, not on every keystroke. */}
              <p className="visually-hidden" aria-live="polite">
                {status === "ok" ? t("password.liveOk") : status === "long" ? t("password.liveLong") : ""}
              </p>
              <div className="actions">
                <button type="submit" className="button button--primary" disabled={busy}>
                  {busy ? t("password.submitting") : mode === "verify" ? t("password.submitVerify") : t("password.submitReset")}
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
