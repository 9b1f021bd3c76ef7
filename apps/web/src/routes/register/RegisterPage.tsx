import { useCallback, type FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { Link, useNavigate } from "react-router";
import { ErrorSummary } from "../../ui/ErrorSummary";
import { Loading } from "../../ui/Loading";
import { PageHeading } from "../../ui/PageHeading";
import { usePortalCopy } from "../../copy/usePortalCopy";
import { fieldErrorMessage, type EnrollmentFieldName } from "../../lib/field-errors";
import { MutationNotices } from "../../lib/MutationNotices";
import { useFormValues } from "../../lib/useFormValues";
import { answerOf, useResultMutation } from "../../lib/useResultMutation";
import { ErrorPage } from "../error/ErrorPage";
import { RejectedNotice } from "./RejectedNotice";
import { ReviewStep } from "./ReviewStep";
import type { SelfEnrollMutation as SelfEnrollData } from "../../gql/graphql";
import { SelfEnrollMutation } from "./register.graphql";
import { StepFields } from "./StepFields";
import { StepIndicator } from "./StepIndicator";
import { useWizardSteps } from "./useWizardSteps";
import { EMPTY_VALUES, STEPS, formatErrors, stepOfField } from "./wizard-steps";

const pickSelfEnroll = (data: SelfEnrollData) => data.selfEnroll;

/** The Register Here wizard: who you are → your contract → review. */
export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { copy, loading: copyLoading, error: copyError } = usePortalCopy();
  // One form for all steps: values survive going back, a refused attempt and a language switch.
  const form = useFormValues<EnrollmentFieldName>(EMPTY_VALUES);
  const { values, errors } = form;
  const selfEnroll = useResultMutation(SelfEnrollMutation, pickSelfEnroll);
  const { clear } = selfEnroll;
  const { step, goToStep, heading } = useWizardSteps(
    values,
    form.focus,
    useCallback(() => clear(), [clear]),
  );

  /** Checks the fields with the server's own format rules; true when they pass. */
  function checkFields(fields: readonly EnrollmentFieldName[]): boolean {
    const problems = formatErrors(values, fields);
    form.setErrors((current) => {
      const next = { ...current };
      for (const field of fields) delete next[field];
      for (const problem of problems) next[problem.field] = problem.code;
      return next;
    });
    selfEnroll.countAttempt();
    return problems.length === 0;
  }

  function onContinue(event: FormEvent) {
    event.preventDefault();
    if (checkFields(STEPS[step]!.fields)) goToStep(step + 1);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    selfEnroll.clear();
    // Mirror of the server's format rules; the server still decides.
    const allFields = STEPS.flatMap((s) => s.fields);
    if (!checkFields(allFields)) {
      const first = formatErrors(values, allFields)[0]!;
      goToStep(stepOfField(first.field), "summary");
      return;
    }
    const answer = answerOf(await selfEnroll.submit({ input: values }));
    if (answer?.__typename === "EnrollmentStarted")
      void navigate("/check-email", { state: { email: answer.email } });
    else if (answer?.__typename === "InputInvalid") {
      form.setErrors(Object.fromEntries(answer.fieldErrors.map((e) => [e.field, e.code])));
      const first = answer.fieldErrors[0];
      if (first) goToStep(stepOfField(first.field), "summary");
    }
  }

  if (copyLoading) return <Loading />;
  if (copyError || !copy) return <ErrorPage />;

  const current = STEPS[step]!;
  const summary = current.fields
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: field, message: fieldErrorMessage(t, field, errors[field]!) }));
  const rejected = answerOf(selfEnroll.outcome)?.__typename === "EnrollmentRejected";

  return (
    <div className="page page--wide">
      <PageHeading title={t("register.title")}>
        {t("register.heading", { portalName: copy.portalName })}
      </PageHeading>
      {step === 0 && <p className="lead">{t("register.intro")}</p>}
      <StepIndicator current={step} />

      <section className="card" aria-labelledby="step-heading">
        <p className="step-caption">
          {t("register.stepOf", { step: step + 1, total: STEPS.length })}
        </p>
        <h2 id="step-heading" ref={heading} tabIndex={-1} className="step-heading">
          {t(`register.steps.${current.key}`)}
        </h2>

        <ErrorSummary items={summary} attempt={selfEnroll.attempt} />
        {rejected && <RejectedNotice copy={copy} attempt={selfEnroll.attempt} />}
        <MutationNotices outcome={selfEnroll.outcome} attempt={selfEnroll.attempt} />

        {current.key === "review" ? (
          <ReviewStep
            values={values}
            submitting={selfEnroll.busy}
            onSubmit={(event) => void onSubmit(event)}
            onChange={(index, field) => goToStep(index, field)}
            onBack={() => goToStep(step - 1)}
          />
        ) : (
          <StepFields
            fields={current.fields}
            form={form}
            copy={copy}
            onContinue={onContinue}
            onBack={step > 0 ? () => goToStep(step - 1) : null}
          />
        )}
      </section>
      <p className="aside-link">
        {t("register.haveAccount")} <Link to="/sign-in">{t("register.signInLink")}</Link>
      </p>
    </div>
  );
}
