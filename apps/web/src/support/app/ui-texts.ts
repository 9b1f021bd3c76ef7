import type { UiTexts } from "../../ui/texts";
import { t } from "../i18n";

/** The UI kit's own words on the staff pages (English only). */
export const staffUiTexts: UiTexts = {
  errorPrefix: t("errors.prefix"),
  errorSummaryHeading: (count) => t("errors.summaryHeading", { count }),
  loading: t("app.loading"),
  documentTitle: (page) => t("app.title", { page }),
};
