import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useTranslation } from "../../i18n";
import { Navigate, useLocation, useNavigate } from "react-router";
import { Loading } from "../../ui/Loading";
import { Notice } from "../../ui/Notice";
import { PageHeading } from "../../ui/PageHeading";
import { ErrorPage } from "../error/ErrorPage";
import { AccessSuspendedNotice } from "./AccessSuspendedNotice";
import { ClosedContracts } from "./ClosedContracts";
import { ContractCard } from "./ContractCard";
import { MyContractsQuery, SignOutMutation } from "./contracts.graphql";

/**
 * The booked contracts the signed-in account may see, as servicing data stands now, and under
 * "Closed" the ones that are no longer booked; or, when the servicing data no longer has the
 * account's email on file, a notice to contact support.
 */
export default function ContractsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const notice = (useLocation().state as { notice?: "ready" | "passwordChanged" } | null)?.notice;
  const { data, loading, error, refetch } = useQuery(MyContractsQuery, {
    fetchPolicy: "network-only",
  });
  const [signOut, { loading: signingOut }] = useMutation(SignOutMutation);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorPage onRetry={() => void refetch()} />;
  const me = data?.me;
  if (!me) return <Navigate to="/sign-in" replace />;

  async function onSignOut() {
    try {
      await signOut();
    } finally {
      // Nothing of this account stays in memory after signing out.
      await client.clearStore();
      void navigate("/signed-out", { replace: true });
    }
  }

  return (
    <div className="page page--wide">
      <div className="page-top">
        <div>
          <PageHeading title={t("contracts.title")}>{t("contracts.heading")}</PageHeading>
          <p className="lead">
            {t("contracts.welcome", { firstName: me.firstName })}{" "}
            <span className="muted break">{t("contracts.signedInAs", { email: me.email })}</span>
          </p>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void onSignOut()}
          disabled={signingOut}
        >
          {signingOut ? t("contracts.signingOut") : t("contracts.signOut")}
        </button>
      </div>
      {notice && (
        <Notice tone="success" live>
          <p>{t(notice === "ready" ? "contracts.ready" : "contracts.passwordChanged")}</p>
        </Notice>
      )}
      {me.accessSuspended ? (
        <AccessSuspendedNotice />
      ) : me.contracts.length === 0 ? (
        <div className="card">
          <p>{t("contracts.none")}</p>
        </div>
      ) : (
        <>
          <p className="muted">{t("contracts.count", { count: me.contracts.length })}</p>
          <ul className="contract-list">
            {me.contracts.map((contract) => (
              <ContractCard contract={contract} key={contract.contractId} />
            ))}
          </ul>
        </>
      )}
      {me.closedContracts.length > 0 && <ClosedContracts contracts={me.closedContracts} />}
    </div>
  );
}
