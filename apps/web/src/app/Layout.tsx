import type { ReactNode } from "react";
import { useTranslation } from "../i18n";
import { Link } from "react-router";
import { SupportContact } from "../components/SupportContact";
import { usePortalCopy } from "../copy/usePortalCopy";
import { switchLanguage } from "../i18n";
import type { AppLanguage } from "../i18n/language";
import { BrandName, SiteFrame } from "../ui/SiteFrame";

/** Header (portal name, language switch), main landmark and footer (support contact) of every page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { copy } = usePortalCopy();
  const other = t("app.switchToLang") as AppLanguage;
  return (
    <SiteFrame
      skipToContent={t("app.skipToContent")}
      brand={
        <Link to="/sign-in" className="brand">
          <BrandName name={copy?.portalName ?? "\u00a0"} />
        </Link>
      }
      headerEnd={
        <button
          type="button"
          className="lang-switch"
          lang={other}
          onClick={() => void switchLanguage(other)}
        >
          {t("app.switchTo")}
        </button>
      }
      footer={
        <>
          <p>{t("app.footerSupport")}</p>
          {copy && <SupportContact copy={copy} compact />}
        </>
      }
    >
      {children}
    </SiteFrame>
  );
}
