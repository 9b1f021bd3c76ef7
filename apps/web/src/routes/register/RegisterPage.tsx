import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Loading } from "../../components/Loading";
import { PageHeading } from "../../components/PageHeading";
import { TextField } from "../../components/TextField";
import { usePortalCopy } from "../../copy/usePortalCopy";
import { fieldErrorMessage, type EnrollmentFieldName } from "../../lib/field-errors";
import { rateLimitOf, rateLimitOfError } from "../../lib/rate-limit";
import { useFormValues } from "../../lib/useFormValues";
import { RateLimitNotice } from "../../lib/RateLimitNotice";
import { NetworkErrorNotice } from "../../lib/NetworkErrorNotice";
import { ErrorPage } from "../error/ErrorPage";
import { RejectedNotice } from "./RejectedNotice";
import { ReviewList } from "./ReviewList";
import { SelfEnrollMutation } from "./register.graphql";
import { StepIndicator } from "./StepIndicator";
import { EMPTY_VALUES, STEPS, formatErrors, furthestReachableStep, stepOfField } from "./wizard-steps";

type Outcome =
  | { kind: "rejected" }
  | { kind: "rateLimited"; retryAfterSeconds: number | null }
  | { kind: "failed" }
  | null;

const INPUT_PROPS: Record<EnrollmentFieldName, Record<string, string | boolean>> = {
  firstName: { autoComplete: "given-name" },
  lastName: { autoComplete: "family-name" },
  email: { type: "email", autoComplete: "email", inputMode: "email", spellCheck: false, autoCapitalize: "none" },
  contractId: { autoComplete: "off", spellCheck: false, autoCapitalize: "characters" },
  billingPostalCode: { autoComplete: "billing postal-code", spellCheck: false, autoCapitalize: "characters" },
};

/** The Register Here wizard: who you are → your contract → review. */
export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { copy, loading: copyLoading, error: copyError } = usePortalCopy();
  const [params, setParams] = useSearchParams();
  // One form for all steps: values survive going back, a refused attempt and a language switch.
  const form = useFormValues<EnrollmentFieldName>(EMPTY_VALUES);
  const { values, errors } = form;
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [selfEnroll, { loading: submitting }] = useMutation(SelfEnrollMutation);

  const requested = Math.max(0, Math.min(STEPS.length - 1, Number(params.get("step") ?? "1") - 1 || 0));
  const step = requested;
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const focusAfterStep = useRef<EnrollmentFieldName | "heading" | "summary" | null>(null);
  const { focus } = form;

  // A reload or a typed URL cannot skip a step whose values are missing.
  useEffect(() => {
    const reachable = furthestReachableStep(values, requested);
    if (reachable !== requested) goToStep(reachable, null, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requested]);

  // Runs once the new step is on screen (the URL change renders in a transition).
  useEffect(() => {
    const target = focusAfterStep.current;
    focusAfterStep.current = null;
    if (target === "heading") stepHeading.current?.focus();
    else if (target === "summary") document.getElementById("error-summary")?.focus();
    else if (target) focus(target);
  }, [step, focus]);

  function goToStep(index: number, focusTarget: EnrollmentFieldName | "heading" | "summary" | null = "heading", replace = false) {
    focusAfterStep.current = focusTarget;
    setOutcome(null);
    setParams(index === 0 ? {} : { step: String(index + 1) }, { replace });
  }

  function checkFields(fields: readonly EnrollmentFieldName[]): boolean {
    const problems = formatErrors(values, fields);
    form.setErrors((current) => {
      const next = { ...current };
      for (const field of fields) delete next[field];
      for (const problem of problems) next[problem.field] = problem.code;
      return next;
    });
    setAttempt((n) => n + 1);
    return problems.length === 0;
  }

  function onContinue(event: FormEvent) {
    event.preventDefault();
    if (checkFields(STEPS[step]!.fields)) goToStep(step + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    // Mirror of the server's format rules; the server still decides.
    const allFields = STEPS.flatMap((s) => s.fields);
    if (!checkFields(allFields)) {
      const first = formatErrors(values, allFields)[0]!;
      goToStep(stepOfField(first.field), "summary");
      return;
    }
    try {
      const { data } = await selfEnroll({ variables: { input: values } });
      const result = data?.selfEnroll;
      setAttempt((n) => n + 1);
      const limited = rateLimitOf(result);
      if (limited) {
        setOutcome({ kind: "rateLimited", ...limited });
        return;
      }
      switch (result?.__typename) {
        case "EnrollmentStarted":
          navigate("/check-email", { state: { email: result.email } });
          return;
        case "EnrollmentRejected":
          setOutcome({ kind: "rejected" });
          return;
        case "InputInvalid": {
          form.setErrors(Object.fromEntries(result.fieldErrors.map((e) => [e.field, e.code])));
          const first = result.fieldErrors[0];
          if (first) goToStep(stepOfField(first.field), "summary");
          return;
        }
        default:
          setOutcome({ kind: "failed" });
      }
    } catch (error) {
      setAttempt((n) => n + 1);
      const limited = rateLimitOfError(error);
      setOutcome(limited ? { kind: "rateLimited", ...limited } : { kind: "failed" });
    }
  }

  if (copyLoading) return <Loading />;
  if (copyError || !copy) return <ErrorPage />;

  const current = STEPS[step]!;
  const summary = current.fields
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: field, message: fieldErrorMessage(t, field, errors[field]!) }));

  return (
    <div className="page page--wide">
      <PageHeading title={t("register.title")}>{t("register.heading", { portalName: copy.portalName })}</PageHeading>
      {step === 0 && <p className="lead">{t("register.intro")}</p>}
      <StepIndicator current={step} />

      <section className="card" aria-labelledby="step-heading">
        <p className="step-caption">{t("register.stepOf", { step: step + 1, total: STEPS.length })}</p>
        <h2 id="step-heading" ref={stepHeading} tabIndex={-1} className="step-heading">
          {t(`register.steps.${current.key}`)}
        </h2>

        <ErrorSummary items={summary} attempt={attempt} />
        {outcome?.kind === "rejected" && <RejectedNotice copy={copy} attempt={attempt} />}
        {outcome?.kind === "rateLimited" && <RateLimitNotice retryAfterSeconds={outcome.retryAfterSeconds} focusKey={attempt} />}
        {outcome?.kind === "failed" && <NetworkErrorNotice focusKey={attempt} />}

        {current.key === "review" ? (
          <form noValidate onSubmit={onSubmit}>
            <p>{t("register.reviewIntro")}</p>
            <ReviewList values={values} onChange={(index, field) => goToStep(index, field)} />
            <p className="secure-note">{t("app.secureNote")}</p>
            <div className="actions">
              <button type="submit" className="button button--primary" disabled={submitting} aria-disabled={submitting}>
                {submitting ? t("register.submitting") : t("register.submit")}
              </button>
              <button type="button" className="button button--secondary" onClick={() => goToStep(step - 1)}>
                {t("register.back")}
              </button>
            </div>
          </form>
        ) : (
          <form noValidate onSubmit={onContinue}>
            {current.fields.map((field) => (
              <TextField
                key={field}
                id={field}
                label={t(`fields.${field}`)}
                hint={copy.hints[field]}
                error={errors[field] ? fieldErrorMessage(t, field, errors[field]) : undefined}
                className={field === "firstName" || field === "lastName" || field === "billingPostalCode" ? "input--medium" : undefined}
                {...INPUT_PROPS[field]}
                {...form.field(field)}
              />
            ))}
            <div className="actions">
              <button type="submit" className="button button--primary">
                {t("register.continue")}
              </button>
              {step > 0 && (
                <button type="button" className="button button--secondary" onClick={() => goToStep(step - 1)}>
                  {t("register.back")}
                </button>
              )}
            </div>
          </form>
        )}
      </section>
      <p className="aside-link">
        {t("register.haveAccount")} <Link to="/sign-in">{t("register.signInLink")}</Link>
      </p>
    </div>
  );
}
