import { useId, type ReactNode } from "react";

/**
 * A table that may be wider than a narrow screen scrolls inside its own region (WCAG 1.4.10 lets
 * data tables do that), which keyboard users can focus and scroll, named by the table's caption.
 */
export function TableRegion({ caption, children }: { caption: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="table-region" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
