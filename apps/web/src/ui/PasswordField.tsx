import { useState } from "react";
import { PASSWORD_MIN, type LengthStatus, lengthStatus, passwordLength } from "./password-policy";
import { TextField } from "./TextField";

export interface PasswordFieldTexts {
  label: string;
  show: string;
  hide: string;
  /** The counter under the field, for `length` characters (code points) in that state. */
  counter: (length: number, status: LengthStatus) => string;
  /**
   * Said politely when the length becomes right or too long, not on every keystroke; without it
   * nothing is announced.
   */
  announce?: { ok: string; long: string };
}

/**
 * The new-password field: show/hide, and a length meter and counter as one types (code points, as
 * the server counts); the server judges guessability. Described by the counter and by the policy
 * (`PasswordPolicy`, id `password-policy`).
 */
export function PasswordField({
  texts,
  value,
  onChange,
  error,
}: {
  texts: PasswordFieldTexts;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const [visible, setVisible] = useState(false);
  const status = lengthStatus(value);
  const length = passwordLength(value);
  return (
    <>
      <TextField
        id="password"
        name="password"
        label={texts.label}
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
            {visible ? texts.hide : texts.show}
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
        {texts.counter(length, status)}
      </p>
      {texts.announce && (
        <p className="visually-hidden" aria-live="polite">
          {status === "ok" ? texts.announce.ok : status === "long" ? texts.announce.long : ""}
        </p>
      )}
    </>
  );
}
