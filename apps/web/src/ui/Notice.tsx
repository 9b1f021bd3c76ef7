import { useEffect, useRef, type ReactNode } from "react";

type Tone = "info" | "success" | "warning";

/**
 * A message box. With `focus`, it takes focus when shown (used for outcomes a person must read before
 * going on, such as a rejection or a rate limit).
 */
export function Notice({
  tone = "info",
  title,
  children,
  focus = false,
  focusKey,
  live = false,
}: {
  tone?: Tone;
  title?: string;
  children: ReactNode;
  focus?: boolean;
  focusKey?: unknown;
  live?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, focusKey]);
  return (
    <div
      ref={ref}
      className={`notice notice--${tone}`}
      tabIndex={focus ? -1 : undefined}
      role={live ? "status" : undefined}
    >
      {title && <h2 className="notice__title">{title}</h2>}
      <div className="notice__body">{children}</div>
    </div>
  );
}
