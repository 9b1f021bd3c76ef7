import type { ReactNode } from "react";

/**
 * The frame of every page, the customer's and the staff's: a skip link, the header (the brand, then
 * `headerEnd`), the main landmark the skip link reaches, and the footer. Texts come translated; the
 * brand comes as the caller's link (the kit knows no routes), its content from `BrandName`.
 */
export function SiteFrame({
  skipToContent,
  brand,
  headerClassName,
  headerEnd,
  footer,
  children,
}: {
  skipToContent: string;
  brand: ReactNode;
  headerClassName?: string;
  headerEnd: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        {skipToContent}
      </a>
      <header className={headerClassName ? `site-header ${headerClassName}` : "site-header"}>
        <div className="site-header__inner">
          {brand}
          {headerEnd}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">{footer}</div>
      </footer>
    </>
  );
}

/** The brand's mark and name, inside the caller's brand link. */
export function BrandName({ name }: { name: string }) {
  return (
    <>
      <span className="brand__mark" aria-hidden="true" />
      <span className="brand__name">{name}</span>
    </>
  );
}
