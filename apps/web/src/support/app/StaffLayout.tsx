import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { Link, NavLink, useNavigate } from "react-router";
import { t } from "../i18n";
import { BrandName, SiteFrame } from "../../ui/SiteFrame";
import { StaffMeQuery, StaffSignOutMutation } from "./staff.graphql";

/** The signed-in member of staff, the console's pages and sign-out. */
function StaffBar() {
  const client = useApolloClient();
  const navigate = useNavigate();
  // The same query as RequireStaff's (one request); sign-in writes its answer to the cache.
  const staff = useQuery(StaffMeQuery).data?.staffMe;
  const [signOut, { loading }] = useMutation(StaffSignOutMutation);
  if (!staff) return null;

  async function onSignOut() {
    try {
      await signOut();
    } finally {
      // Nothing of the session stays in memory after signing out.
      await client.clearStore();
      void navigate("/sign-in", { replace: true, state: { notice: "signedOut" } });
    }
  }

  return (
    <>
      <nav className="staff-nav" aria-label={t("app.nav")}>
        <ul>
          <li>
            <NavLink to="/search">{t("app.search")}</NavLink>
          </li>
          <li>
            <NavLink to="/explain">{t("app.explain")}</NavLink>
          </li>
        </ul>
      </nav>
      <div className="staff-bar__who">
        <span className="break">
          {t("app.signedInAs", { email: staff.email, role: t(`role.${staff.role}`) })}
        </span>
        <button
          type="button"
          className="button button--on-dark"
          onClick={() => void onSignOut()}
          disabled={loading}
        >
          {loading ? t("app.signingOut") : t("app.signOut")}
        </button>
      </div>
    </>
  );
}

/** Header (console name, navigation, who is signed in), main landmark and footer of every staff page. */
export function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <SiteFrame
      skipToContent={t("app.skipToContent")}
      brand={
        <Link to="/search" className="brand">
          <BrandName name={t("app.name")} />
        </Link>
      }
      headerClassName="staff-header"
      headerEnd={<StaffBar />}
      footer={<p>{t("app.footer")}</p>}
    >
      {children}
    </SiteFrame>
  );
}
