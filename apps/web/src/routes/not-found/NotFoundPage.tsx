import { useTranslation } from "../../i18n";
import { Link } from "react-router";
import { PageHeading } from "../../ui/PageHeading";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="card card--center">
        <PageHeading title={t("notFound.title")} />
        <p>{t("notFound.text")}</p>
        <ul className="link-list">
          <li>
            <Link to="/sign-in">{t("notFound.home")}</Link>
          </li>
          <li>
            <Link to="/register">{t("notFound.register")}</Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
