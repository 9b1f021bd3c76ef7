import { Notice } from "../../ui/Notice";
import { SupportContact } from "../../components/SupportContact";
import { usePortalCopy } from "../../copy/usePortalCopy";
import { useTranslation } from "../../i18n";

/** Every customer grant of the account is suspended: nothing to show, and who to contact. */
export function AccessSuspendedNotice() {
  const { t } = useTranslation();
  const { copy } = usePortalCopy();
  return (
    <Notice tone="warning">
      <p>{t("contracts.suspended")}</p>
      {copy && <SupportContact copy={copy} />}
    </Notice>
  );
}
