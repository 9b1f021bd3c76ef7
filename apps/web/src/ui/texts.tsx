import { createContext, use, type ReactNode } from "react";

/**
 * What the kit's components say of their own accord, already in the reader's language. The kit
 * translates nothing: each set of pages (customer, staff) puts its own texts at its root.
 */
export interface UiTexts {
  /** Read before a field's error by screen readers ("Error"). */
  errorPrefix: string;
  /** The error summary's heading for that many problems. */
  errorSummaryHeading: (count: number) => string;
  /** Shown while a page or a part of it loads. */
  loading: string;
  /** The document title of the page whose heading says `page`. */
  documentTitle: (page: string) => string;
}

const UiTextsContext = createContext<UiTexts | null>(null);

export function UiTextsProvider({ texts, children }: { texts: UiTexts; children: ReactNode }) {
  return <UiTextsContext value={texts}>{children}</UiTextsContext>;
}

export function useUiTexts(): UiTexts {
  const texts = use(UiTextsContext);
  if (!texts) throw new Error("The UI kit has no texts: render it inside <UiTextsProvider>.");
  return texts;
}
