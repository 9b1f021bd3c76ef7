import { Notice } from "../../ui/Notice";
import { t } from "../i18n";

/** A query got no usable answer (not a missing session: that goes to sign-in). */
export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  return (
    <Notice tone="warning" focus>
      <p>{t("errors.loadFailed")}</p>
      <p className="notice__actions">
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t("errors.retry")}
        </button>
      </p>
    </Notice>
  );
}
