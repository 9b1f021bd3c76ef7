import { useTranslation } from "../../i18n";
import type { LengthStatus } from "./password-policy";

/** The password rules, shown before the field; the length rule is ticked once met. */
export function PasswordPolicy({ status }: { status: LengthStatus }) {
  const { t } = useTranslation();
  return (
    <div className="policy" id="password-policy">
      <h2 className="policy__title">{t("password.policyHeading")}</h2>
      <ul className="policy__list">
        <li className={status === "ok" ? "policy__item policy__item--met" : "policy__item"}>
          {t("password.policyLength")}
        </li>
        <li className="policy__item">{t("password.policyAny")}</li>
        <li className="policy__item">{t("password.policyGuess")}</li>
      </ul>
      <p className="policy__tip">{t("password.policyTip")}</p>
    </div>
  );
}
