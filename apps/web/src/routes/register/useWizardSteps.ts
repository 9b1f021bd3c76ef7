import { useCallback, useEffect, useEffectEvent, useRef } from "react";
import { useSearchParams } from "react-router";
import type { EnrollmentFieldName } from "../../lib/field-errors";
import { type EnrollmentValues, STEPS, furthestReachableStep } from "./wizard-steps";

/** Where the focus goes once a step is on screen. */
export type StepFocus = EnrollmentFieldName | "heading" | "summary" | null;

/**
 * The wizard's step lives in the URL (`?step=2`), so Back and Forward work and a reload stays on the
 * step; a step whose earlier values are missing cannot be reached by a typed URL. After each move the
 * focus goes where the person needs it: the step's heading, the error summary or a field.
 */
export function useWizardSteps(
  values: EnrollmentValues,
  focusField: (field: EnrollmentFieldName) => void,
  onMove: () => void,
) {
  const [params, setParams] = useSearchParams();
  const step = Math.max(0, Math.min(STEPS.length - 1, Number(params.get("step") ?? "1") - 1 || 0));
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfterMove = useRef<StepFocus>(null);

  const goToStep = useCallback(
    (index: number, focus: StepFocus = "heading", replace = false) => {
      focusAfterMove.current = focus;
      onMove();
      setParams(index === 0 ? {} : { step: String(index + 1) }, { replace });
    },
    [onMove, setParams],
  );

  // A reload or a typed URL cannot skip a step whose values are missing. Checked when the step changes,
  // with the values as they are then (typing on a step does not move anyone).
  const keepReachable = useEffectEvent((wanted: number) => {
    const reachable = furthestReachableStep(values, wanted);
    if (reachable !== wanted) goToStep(reachable, null, true);
  });
  useEffect(() => keepReachable(step), [step]);

  // Runs once the new step is on screen (the URL change renders in a transition).
  useEffect(() => {
    const target = focusAfterMove.current;
    focusAfterMove.current = null;
    if (target === "heading") heading.current?.focus();
    else if (target === "summary") document.getElementById("error-summary")?.focus();
    else if (target) focusField(target);
  }, [step, focusField]);

  return { step, goToStep, heading };
}
