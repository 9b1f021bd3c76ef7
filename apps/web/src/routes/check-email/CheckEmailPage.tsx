import { useTranslation } from "../../i18n";
import { Link, useLocation } from "react-router";
import { PageHeading } from "../../ui/PageHeading";

const MARK = "\u0000";

/** The sentence with the address in bold, wherever the language puts it. */
function WithEmail({ text, email }: { text: string; email: string }) {
  const [before, after] = text.split(MARK);
  return (
    <>
      {before}
      <strong className="break">{email}</strong>
      {after}
    </>
  );
}

/** After EnrollmentStarted. The same page whether or not the address already had an account. */
export default function CheckEmailPage() {
  const { t } = useTranslation();
  const email = (useLocation().state as { email?: string } | null)?.email;
  return (
    <div className="page">
      <div className="card">
        <div className="icon-mail" aria-hidden="true" />
        <PageHeading title={t("checkEmail.title")}>{t("checkEmail.heading")}</PageHeading>
        <p className="lead">
          {email ? (
            <WithEmail text={t("checkEmail.sentTo", { email: MARK })} email={email} />
          ) : (
            t("checkEmail.sentGeneric")
          )}
        </p>
        <p>{t("checkEmail.next")}</p>
        <p>
          {t("checkEmail.notArrived")}{" "}
          <Link to="/resend" state={{ email }}>
            {t("checkEmail.resendLink")}
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
