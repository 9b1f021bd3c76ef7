import { useEffect, useRef, type ReactNode } from "react";
import { t } from "../i18n";

let firstPage = true;

/**
 * The page's h1: sets the document title and, after a client-side navigation, takes focus so the
 * new page is announced and keyboard users start there (the first load keeps the skip link first).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t("app.title", { page: title });
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
