import { useTranslation } from "../../i18n";
import type { EnrollmentFieldName } from "../../lib/field-errors";
import { STEPS, type EnrollmentValues } from "./wizard-steps";

/** What the person typed, each row with a Change button back to its step and field. */
export function ReviewList({
  values,
  onChange,
}: {
  values: EnrollmentValues;
  onChange: (step: number, field: EnrollmentFieldName) => void;
}) {
  const { t } = useTranslation();
  const rows = STEPS.flatMap((step, index) => step.fields.map((field) => ({ field, step: index })));
  return (
    <dl className="review">
      {rows.map(({ field, step }) => (
        <div className="review__row" key={field}>
          <dt className="review__key">{t(`fields.${field}`)}</dt>
          <dd className="review__value">{values[field]}</dd>
          <dd className="review__action">
            <button type="button" className="link-button" onClick={() => onChange(step, field)}>
              {t("register.change")}
              <span className="visually-hidden"> {t(`fieldLower.${field}`)}</span>
            </button>
          </dd>
        </div>
      ))}
    </dl>
  );
}
