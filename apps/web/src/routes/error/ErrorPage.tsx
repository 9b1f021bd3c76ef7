import { useTranslation } from "../../i18n";
import { Link } from "react-router";
import { PageHeading } from "../../ui/PageHeading";

/** Shown for unexpected failures: a render error, a page that fails to load, an API that errs. */
export function ErrorPage({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="card card--center">
        <PageHeading title={t("errorPage.title")} />
        <p>{t("errorPage.text")}</p>
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            onClick={onRetry ?? (() => window.location.reload())}
          >
            {t("errorPage.retry")}
          </button>
          <Link className="button button--secondary" to="/sign-in">
            {t("errorPage.home")}
          </Link>
        </div>
      </div>
    </div>
  );
}
