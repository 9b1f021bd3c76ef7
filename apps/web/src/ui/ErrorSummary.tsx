import { useEffect, useEffectEvent, useRef } from "react";
import { useUiTexts } from "./texts";

export interface SummaryItem {
  /** id of the input the message is about; the link moves focus there. */
  fieldId?: string;
  message: string;
}

/**
 * The list of problems at the top of a form. Takes focus each time `attempt` changes, so a failed
 * submit is announced and keyboard users can jump from each message to its field.
 */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const { errorSummaryHeading } = useUiTexts();
  const ref = useRef<HTMLDivElement>(null);
  const focusIfProblems = useEffectEvent(() => {
    if (items.length > 0) ref.current?.focus();
  });
  // Only a new attempt moves focus, not every re-render.
  useEffect(() => focusIfProblems(), [attempt]);
  if (items.length === 0) return null;
  return (
    <div
      id="error-summary"
      className="error-summary"
      ref={ref}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {errorSummaryHeading(items.length)}
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
