import type { InputHTMLAttributes, ReactNode, Ref } from "react";
import { useUiTexts } from "./texts";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Extra ids the input is described by (e.g. a live password counter). */
  describedBy?: string[];
  ref?: Ref<HTMLInputElement>;
  after?: ReactNode;
}

/** A labelled input whose hint and error are tied to it with aria-describedby. */
export function TextField({
  id,
  label,
  hint,
  error,
  describedBy = [],
  after,
  className,
  ref,
  ...input
}: TextFieldProps) {
  const { errorPrefix } = useUiTexts();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [hintId, errorId, ...describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{errorPrefix}: </span>
          {error}
        </p>
      )}
      <div className="field__control">
        <input
          ref={ref}
          id={id}
          className={`input${className ? ` ${className}` : ""}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          {...input}
        />
        {after}
      </div>
    </div>
  );
}
