import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { t } from "../i18n";

/**
 * An action behind a confirmation step: the button opens a modal <dialog> (the browser keeps focus
 * inside it and closes it on Escape) that says what will happen, holds the action's own fields if any,
 * and runs the action only on Confirm. Focus starts on the first field, else on Cancel; when the
 * dialog closes, `onDone` gets the result so the page can show it (and move focus to it).
 *
 * With `unavailable` (e.g. an ADMIN action for SUPPORT) the button is disabled and says why; the
 * server still decides, and its refusal is shown if it comes.
 */
export function ConfirmAction<R>({
  label,
  accessibleLabel,
  about,
  unavailable,
  title,
  text,
  confirmLabel,
  danger = false,
  fields,
  validate,
  onConfirm,
  onDone,
  compact = false,
}: {
  label: string;
  /** A longer name for the button when its label needs context (e.g. in a table row). */
  accessibleLabel?: string;
  /** One sentence under the button: what the action does. */
  about?: string;
  unavailable?: string;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Fields inside the dialog, rendered with the current problem (from `validate`). */
  fields?: (problem: string | null) => ReactNode;
  /** The problem with the dialog's fields, or null when the action may run. */
  validate?: () => string | null;
  onConfirm: () => Promise<R>;
  onDone: (result: R) => void;
  compact?: boolean;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const noteId = `${id}-note`;

  function show() {
    setProblem(null);
    const element = dialog.current!;
    element.showModal();
    const first = element.querySelector<HTMLElement>("input, textarea, select");
    (first ?? element.querySelector<HTMLElement>("[data-cancel]"))?.focus();
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validate?.() ?? null;
    setProblem(found);
    if (found) {
      dialog.current?.querySelector<HTMLElement>("[aria-invalid='true'], input, textarea")?.focus();
      return;
    }
    setBusy(true);
    let result: R;
    try {
      result = await onConfirm();
    } finally {
      setBusy(false);
    }
    dialog.current?.close();
    onDone(result);
  }

  return (
    <div className={compact ? "confirm-action confirm-action--compact" : "confirm-action"}>
      <button
        type="button"
        className={`button ${danger ? "button--danger-outline" : "button--secondary"}`}
        onClick={show}
        disabled={unavailable !== undefined}
        aria-label={accessibleLabel}
        aria-describedby={unavailable || (about && !compact) ? noteId : undefined}
        aria-haspopup="dialog"
      >
        {label}
      </button>
      {(unavailable || (about && !compact)) && (
        <p className="confirm-action__note" id={noteId}>
          {unavailable ?? about}
        </p>
      )}
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
      >
        <form noValidate onSubmit={(event) => void confirm(event)}>
          <h2 id={`${id}-title`} className="dialog__title">
            {title}
          </h2>
          <div id={`${id}-text`} className="dialog__text">
            {text}
          </div>
          {fields?.(problem)}
          {problem && !fields && (
            <p className="field__error" role="alert">
              {problem}
            </p>
          )}
          <div className="actions">
            <button
              type="submit"
              className={`button ${danger ? "button--danger" : "button--primary"}`}
              disabled={busy}
            >
              {busy ? t("actions.working") : confirmLabel}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-cancel
              onClick={() => dialog.current?.close()}
            >
              {t("actions.cancel")}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
