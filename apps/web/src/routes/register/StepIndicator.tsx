import { useTranslation } from "../../i18n";
import { STEPS } from "./wizard-steps";

/** "Step 2 of 3" and the list of steps, the current one marked with aria-current. */
export function StepIndicator({ current }: { current: number }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("register.stepsLabel")} className="steps">
      <ol className="steps__list">
        {STEPS.map((step, index) => {
          const state = index < current ? "done" : index === current ? "current" : "todo";
          return (
            <li
              key={step.key}
              className={`steps__item steps__item--${state}`}
              aria-current={state === "current" ? "step" : undefined}
            >
              <span className="steps__number" aria-hidden="true">
                {state === "done" ? "✓" : index + 1}
              </span>
              <span className="steps__label">
                {t(`register.steps.${step.key}`)}
                {state === "done" && (
                  <span className="visually-hidden"> ({t("register.completed")})</span>
                )}
                {state === "current" && (
                  <span className="visually-hidden"> ({t("register.current")})</span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
