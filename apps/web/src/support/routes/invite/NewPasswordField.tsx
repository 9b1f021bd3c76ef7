import { useState } from "react";
import {
  PASSWORD_MIN,
  lengthStatus,
  passwordLength,
} from "../../../routes/set-password/password-policy";
import { Field } from "../../components/Field";
import { t } from "../../i18n";

/**
 * The new password, with the customers' policy spelled out (packages/matching) and its length counted
 * as one types (code points, as the server counts); the server judges guessability.
 */
export function NewPasswordField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const [visible, setVisible] = useState(false);
  const status = lengthStatus(value);
  const length = passwordLength(value);
  const counter =
    status === "short"
      ? t("invite.counter", { count: length })
      : status === "ok"
        ? t("invite.counterOk", { count: length })
        : t("invite.counterTooLong", { count: length });
  return (
    <>
      <div className="policy" id="password-policy">
        <h2 className="policy__title">{t("invite.policyHeading")}</h2>
        <ul className="policy__list">
          <li className={status === "ok" ? "policy__item policy__item--met" : "policy__item"}>
            {t("invite.policyLength")}
          </li>
          <li className="policy__item">{t("invite.policyAny")}</li>
          <li className="policy__item">{t("invite.policyGuess")}</li>
        </ul>
      </div>
      <Field
        id="password"
        name="password"
        label={t("invite.password")}
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        spellCheck={false}
        autoCapitalize="none"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        describedBy={["password-counter", "password-policy"]}
        after={
          <button
            type="button"
            className="button button--ghost reveal"
            aria-pressed={visible}
            aria-controls="password"
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? t("invite.hide") : t("invite.show")}
          </button>
        }
      />
      <div className="meter" aria-hidden="true">
        <div
          className={`meter__bar meter__bar--${status}`}
          style={{ width: `${Math.min(100, (length / PASSWORD_MIN) * 100)}%` }}
        />
      </div>
      <p id="password-counter" className={`counter counter--${status}`}>
        {counter}
      </p>
    </>
  );
}
