import { useTranslation } from "../../i18n";
import { Notice } from "../../ui/Notice";
import { SupportContact } from "../../components/SupportContact";
import type { PortalCopy } from "../../copy/usePortalCopy";

/**
 * One calm message for every rejection: the operator's text in the reader's language, where to find
 * each detail, and who to contact. It never says which detail did not match.
 */
export function RejectedNotice({ copy, attempt }: { copy: PortalCopy; attempt: number }) {
  const { t } = useTranslation();
  const fields = ["email", "contractId", "billingPostalCode"] as const;
  return (
    <Notice tone="warning" title={t("register.rejectedHeading")} focus focusKey={attempt}>
      <p>{copy.rejectionMessage}</p>
      <h3 className="notice__subtitle">{t("register.hintsHeading")}</h3>
      <ul className="hint-list">
        {fields.map((field) => (
          <li key={field}>
            <strong>{t(`fields.${field}`)}:</strong> {copy.hints[field]}
          </li>
        ))}
      </ul>
      <p className="notice__support-line">{t("register.supportLine")}</p>
      <SupportContact copy={copy} />
    </Notice>
  );
}
