import { useTranslation } from "../i18n";
import type { PortalCopy } from "../copy/usePortalCopy";

/** The operator's support contact, from the portal copy. */
export function SupportContact({ copy, compact = false }: { copy: PortalCopy; compact?: boolean }) {
  const { t } = useTranslation();
  const phoneHref = copy.supportPhone
    ? `tel:${copy.supportPhone.replace(/[^\d+]/g, "")}`
    : undefined;
  if (compact) {
    return (
      <span className="support-inline">
        <a href={`mailto:${copy.supportEmail}`}>{copy.supportEmail}</a>
        {copy.supportPhone && (
          <>
            {" · "}
            <a href={phoneHref}>{copy.supportPhone}</a>
          </>
        )}
        {copy.supportHours && <> · {copy.supportHours}</>}
      </span>
    );
  }
  return (
    <dl className="support">
      <div>
        <dt>{t("support.email")}</dt>
        <dd>
          <a href={`mailto:${copy.supportEmail}`}>{copy.supportEmail}</a>
        </dd>
      </div>
      {copy.supportPhone && (
        <div>
          <dt>{t("support.phone")}</dt>
          <dd>
            <a href={phoneHref}>{copy.supportPhone}</a>
          </dd>
        </div>
      )}
      {copy.supportHours && (
        <div>
          <dt>{t("support.hours")}</dt>
          <dd>{copy.supportHours}</dd>
        </div>
      )}
    </dl>
  );
}
