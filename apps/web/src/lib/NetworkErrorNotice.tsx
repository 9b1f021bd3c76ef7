import { useTranslation } from "../i18n";
import { Notice } from "../ui/Notice";

/** The request did not get an answer (network or server failure): say so and let the person try again. */
export function NetworkErrorNotice({ focusKey }: { focusKey: unknown }) {
  const { t } = useTranslation();
  return (
    <Notice tone="warning" focus focusKey={focusKey}>
      <p>{t("errors.network")}</p>
    </Notice>
  );
}
