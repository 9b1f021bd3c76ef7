import type { FormEvent } from "react";
import { useTranslation } from "../../i18n";
import type { EnrollmentFieldName } from "../../lib/field-errors";
import { ReviewList } from "./ReviewList";
import type { EnrollmentValues } from "./wizard-steps";

/** The last step: what was typed, each with a Change button, and Register. */
export function ReviewStep({
  values,
  submitting,
  onSubmit,
  onChange,
  onBack,
}: {
  values: EnrollmentValues;
  submitting: boolean;
  onSubmit: (event: FormEvent) => void;
  onChange: (step: number, field: EnrollmentFieldName) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <form noValidate onSubmit={onSubmit}>
      <p>{t("register.reviewIntro")}</p>
      <ReviewList values={values} onChange={onChange} />
      <p className="secure-note">{t("app.secureNote")}</p>
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={submitting}
          aria-disabled={submitting}
        >
          {submitting ? t("register.submitting") : t("register.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t("register.back")}
        </button>
      </div>
    </form>
  );
}
