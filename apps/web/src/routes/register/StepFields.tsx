import type { FormEvent } from "react";
import { useTranslation } from "../../i18n";
import { TextField } from "../../ui/TextField";
import type { PortalCopy } from "../../copy/usePortalCopy";
import { type EnrollmentFieldName, fieldErrorMessage } from "../../lib/field-errors";
import type { useFormValues } from "../../lib/useFormValues";

const INPUT_PROPS: Record<EnrollmentFieldName, Record<string, string | boolean>> = {
  firstName: { autoComplete: "given-name" },
  lastName: { autoComplete: "family-name" },
  email: {
    type: "email",
    autoComplete: "email",
    inputMode: "email",
    spellCheck: false,
    autoCapitalize: "none",
  },
  contractId: { autoComplete: "off", spellCheck: false, autoCapitalize: "characters" },
  billingPostalCode: {
    autoComplete: "billing postal-code",
    spellCheck: false,
    autoCapitalize: "characters",
  },
};

const MEDIUM: readonly EnrollmentFieldName[] = ["firstName", "lastName", "billingPostalCode"];

/** A step with inputs: its fields with the operator's hints, Continue, and Back after the first step. */
export function StepFields({
  fields,
  form,
  copy,
  onContinue,
  onBack,
}: {
  fields: readonly EnrollmentFieldName[];
  form: ReturnType<typeof useFormValues<EnrollmentFieldName>>;
  copy: PortalCopy;
  onContinue: (event: FormEvent) => void;
  onBack: (() => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <form noValidate onSubmit={onContinue}>
      {fields.map((field) => (
        <TextField
          key={field}
          id={field}
          label={t(`fields.${field}`)}
          hint={copy.hints[field]}
          error={form.errors[field] ? fieldErrorMessage(t, field, form.errors[field]) : undefined}
          className={MEDIUM.includes(field) ? "input--medium" : undefined}
          {...INPUT_PROPS[field]}
          {...form.field(field)}
        />
      ))}
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t("register.continue")}
        </button>
        {onBack && (
          <button type="button" className="button button--secondary" onClick={onBack}>
            {t("register.back")}
          </button>
        )}
      </div>
    </form>
  );
}
