import type { LengthStatus } from "./password-policy";

/** The password rules, shown before the field; the length rule is ticked once met. */
export function PasswordPolicy({
  status,
  heading,
  lengthRule,
  otherRules,
  tip,
}: {
  status: LengthStatus;
  heading: string;
  lengthRule: string;
  otherRules: string[];
  tip?: string;
}) {
  return (
    <div className="policy" id="password-policy">
      <h2 className="policy__title">{heading}</h2>
      <ul className="policy__list">
        <li className={status === "ok" ? "policy__item policy__item--met" : "policy__item"}>
          {lengthRule}
        </li>
        {otherRules.map((rule) => (
          <li key={rule} className="policy__item">
            {rule}
          </li>
        ))}
      </ul>
      {tip && <p className="policy__tip">{tip}</p>}
    </div>
  );
}
