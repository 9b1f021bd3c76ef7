import { Link } from "react-router";
import { t } from "../../i18n";
import { groupKey, readOtpauth } from "./otpauth";
import { QrCode } from "./QrCode";

/**
 * The authenticator secret, shown this once: as a QR code of the otpauth URI and as text (the key
 * grouped by four, the account and the kind of code), then the way to sign in with a first code.
 */
export function AuthenticatorSetUp({ totpUri }: { totpUri: string }) {
  const key = readOtpauth(totpUri);
  const account = key?.account ?? "";
  return (
    <section aria-labelledby="set-up-heading">
      <h2 id="set-up-heading" tabIndex={-1} className="set-up__heading">
        {t("invite.setUpTitle")}
      </h2>
      <p>{t("invite.setUpIntro")}</p>
      <div className="set-up">
        <QrCode text={totpUri} label={t("invite.qrLabel", { account })} />
        {key && (
          <div className="set-up__text">
            <h3>{t("invite.keyHeading")}</h3>
            <dl className="facts">
              <div>
                <dt>{t("invite.key")}</dt>
                <dd>
                  <code className="secret" id="authenticator-key" aria-describedby="key-hint">
                    {groupKey(key.secret)}
                  </code>
                  <p className="field__hint" id="key-hint">
                    {t("invite.keyHint")}
                  </p>
                </dd>
              </div>
              <div>
                <dt>{t("invite.account")}</dt>
                <dd className="break">{key.account}</dd>
              </div>
              {key.issuer && (
                <div>
                  <dt>{t("invite.issuer")}</dt>
                  <dd>{key.issuer}</dd>
                </div>
              )}
              <div>
                <dt>{t("invite.kind")}</dt>
                <dd>{t("invite.kindValue", { digits: key.digits, period: key.period })}</dd>
              </div>
            </dl>
          </div>
        )}
      </div>
      <p>{t("invite.next", { digits: key?.digits ?? 6 })}</p>
      <div className="actions">
        <Link className="button button--primary" to="/sign-in">
          {t("invite.toSignIn")}
        </Link>
      </div>
    </section>
  );
}
