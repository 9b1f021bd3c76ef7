import { Link } from "react-router";
import { PageHeading } from "../../../ui/PageHeading";
import { t } from "../../i18n";

export default function NotFoundPage() {
  return (
    <div className="page">
      <div className="card">
        <PageHeading title={t("notFound.title")} />
        <p>{t("notFound.text")}</p>
        <p>
          <Link to="/search">{t("notFound.home")}</Link>
        </p>
      </div>
    </div>
  );
}
