import type { ReactNode } from "react";
import { usePortalCopy } from "../copy/usePortalCopy";
import { useTranslation } from "../i18n";
import { UiTextsProvider } from "../ui/texts";

/** The UI kit's own words on the customer pages, in the reader's language; titles end with the portal's name. */
export function CustomerUiTexts({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const portalName = usePortalCopy().copy?.portalName;
  const texts = {
    errorPrefix: t("errors.prefix"),
    errorSummaryHeading: (count: number) => t("errors.summaryHeading", { count }),
    loading: t("app.loading"),
    documentTitle: (page: string) =>
      portalName ? `${page} – ${t("app.titleSuffix", { portalName })}` : page,
  };
  return <UiTextsProvider texts={texts}>{children}</UiTextsProvider>;
}
