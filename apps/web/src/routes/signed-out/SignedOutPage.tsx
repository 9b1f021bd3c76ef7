import { useTranslation } from "../../i18n";
import { Link } from "react-router";
import { PageHeading } from "../../ui/PageHeading";

export default function SignedOutPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="card card--center">
        <PageHeading title={t("signedOut.title")}>{t("signedOut.heading")}</PageHeading>
        <p>{t("signedOut.text")}</p>
        <Link className="button button--primary" to="/sign-in">
          {t("signedOut.signInAgain")}
        </Link>
      </div>
    </div>
  );
}
