import { useEffect, useRef, type ReactNode } from "react";
import { useUiTexts } from "./texts";

let firstPage = true;

/**
 * The page's h1. Sets the document title and, after a client-side navigation, moves focus to the
 * heading so screen-reader and keyboard users start at the new page (the first page load keeps the
 * browser's own focus so the skip link comes first).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const documentTitle = useUiTexts().documentTitle(title);

  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);

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
