import { useApolloClient, useQuery } from "@apollo/client/react";
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { Notice } from "../../../ui/Notice";
import { useStaff } from "../../app/RequireStaff";
import { LoadFailed } from "../../components/LoadFailed";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { t } from "../../i18n";
import { ActionReportNotice } from "./ActionReportNotice";
import { AttemptsTable } from "./AttemptsTable";
import { GrantsTable } from "./GrantsTable";
import { useActionReports } from "./useActionReports";
import { UserActions } from "./UserActions";
import { UserDetails } from "./UserDetails";
import { EnrollmentAttemptsQuery, PortalUserQuery } from "./user.graphql";

/** One account: details, customer access, enrollment attempts with their reasons, and the actions. */
export default function UserPage() {
  const id = useParams().id ?? "";
  const staff = useStaff();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(PortalUserQuery, {
    variables: { id },
    fetchPolicy: "network-only",
  });
  const reload = useCallback(
    () => void client.refetchQueries({ include: [PortalUserQuery, EnrollmentAttemptsQuery] }),
    [client],
  );
  const { shown, done } = useActionReports(reload);

  if (loading && !data) return <Loading />;
  if (error && !data) return <LoadFailed onRetry={() => void refetch()} />;
  const user = data?.portalUser;
  if (!user)
    return (
      <div className="page">
        <PageHeading title={t("user.title")} />
        <Notice tone="warning">
          <p>{t("user.notFound")}</p>
          <p>
            <Link to="/search">{t("user.backToSearch")}</Link>
          </p>
        </Notice>
      </div>
    );

  const name = `${user.firstName} ${user.lastName}`;
  return (
    <div className="page page--console">
      <p className="crumb">
        <Link to="/search">{t("user.backToSearch")}</Link>
      </p>
      <PageHeading title={`${t("user.title")} ${user.email}`}>
        {t("user.heading", { name })} <span className="h1-sub break">{user.email}</span>
      </PageHeading>
      {shown && <ActionReportNotice shown={shown} />}
      <div className="user-grid">
        <UserDetails user={user} />
        <UserActions key={user.status} user={user} staff={staff} done={done} />
      </div>
      <GrantsTable user={user} staff={staff} done={done} />
      <AttemptsTable email={user.email} />
    </div>
  );
}
