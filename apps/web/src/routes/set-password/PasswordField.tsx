import { useState } from "react";
import { useTranslation } from "../../i18n";
import { TextField } from "../../components/TextField";
import { PASSWORD_MIN, lengthStatus, passwordLength } from "./password-policy";

/**
 * The new-password field: show/hide, a length meter and counter as one types, and a polite
 * announcement when the length requirement is met or exceeded (not on every keystroke).
 */
export function PasswordField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const status = lengthStatus(value);
  const length = passwordLength(value);
  const counter =
    status === "short"
      ? t("password.counter", { count: length })
      : status === "ok"
        ? t("password.counterOk", { count: length })
        : t("password.counterTooLong", { count: length });
  return (
    <>
      <TextField
        id="password"
        name="password"
        label={label}
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
            {visible ? t("password.hide") : t("password.show")}
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
      <p className="visually-hidden" aria-live="polite">
        {status === "ok" ? t("password.liveOk") : status === "long" ? t("password.liveLong") : ""}
      </p>
    </>
  );
}
