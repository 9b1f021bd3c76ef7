import { useEffect, useEffectEvent, useRef } from "react";
import { t } from "../i18n";

export interface SummaryItem {
  /** id of the input the message is about; the link moves focus there. */
  fieldId?: string;
  message: string;
}

/**
 * The problems at the top of a form. Takes focus each time `attempt` changes, so a failed submit is
 * announced and its links lead to the fields (as src/components/ErrorSummary).
 */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const focusIfProblems = useEffectEvent(() => {
    if (items.length > 0) ref.current?.focus();
  });
  useEffect(() => focusIfProblems(), [attempt]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        {t("errors.summaryHeading", { count: items.length })}
      </h2>
      <ul className="error-summary__list">
        {items.map((item, i) => (
          <li key={`${item.fieldId ?? ""}-${i}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  const target = document.getElementById(item.fieldId!);
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: "center" });
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
