import type { ReactNode } from "react";
import { useTranslation } from "../i18n";
import { Link } from "react-router";
import { SupportContact } from "../components/SupportContact";
import { usePortalCopy } from "../copy/usePortalCopy";
import { switchLanguage } from "../i18n";
import type { AppLanguage } from "../i18n/language";

/** Header (portal name, language switch), main landmark and footer (support contact) of every page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { copy } = usePortalCopy();
  const other = t("app.switchToLang") as AppLanguage;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/sign-in" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{copy?.portalName ?? "\u00a0"}</span>
          </Link>
          <button
            type="button"
            className="lang-switch"
            lang={other}
            onClick={() => void switchLanguage(other)}
          >
            {t("app.switchTo")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t("app.footerSupport")}</p>
          {copy && <SupportContact copy={copy} compact />}
        </div>
      </footer>
    </>
  );
}
