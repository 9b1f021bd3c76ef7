import type { MutationOutcome } from "../../../lib/useResultMutation";
import { useResultMutation } from "../../../lib/useResultMutation";
import type { Staff } from "../../app/RequireStaff";
import { ConfirmAction } from "../../components/ConfirmAction";
import { TableRegion } from "../../components/TableRegion";
import { When } from "../../components/When";
import type { PortalUserQuery } from "../../gql/graphql";
import { t } from "../../i18n";
import type { ActionResult } from "./action-answer";
import { RevokeGrantMutation } from "./user.graphql";

type User = NonNullable<PortalUserQuery["portalUser"]>;
type Done = (action: string) => (outcome: MutationOutcome<ActionResult>) => void;

/** The customers the account may see, each with its status and (ADMIN) a way to revoke it. */
export function GrantsTable({ user, staff, done }: { user: User; staff: Staff; done: Done }) {
  const revoke = useResultMutation(RevokeGrantMutation, (d) => d.revokeGrant);
  const adminOnly = staff.role === "ADMIN" ? undefined : t("actions.adminOnly");
  return (
    <section className="card" aria-labelledby="grants-heading">
      <h2 id="grants-heading">{t("user.grantsHeading")}</h2>
      {user.grants.length === 0 ? (
        <p>{t("user.grantsNone")}</p>
      ) : (
        <TableRegion caption={t("user.grantsCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("user.customer")}</th>
              <th scope="col">{t("user.grantStatus")}</th>
              <th scope="col">{t("user.grantedVia")}</th>
              <th scope="col">{t("user.since")}</th>
              <th scope="col">{t("user.grantActions")}</th>
            </tr>
          </thead>
          <tbody>
            {user.grants.map((grant) => {
              const customer = grant.customerName
                ? `${grant.customerName} (${grant.customerId})`
                : t("user.customerGone", { customerId: grant.customerId });
              return (
                <tr key={grant.customerId}>
                  <th scope="row">{customer}</th>
                  <td>
                    <span className={`badge badge--${grant.status.toLowerCase()}`}>
                      {t(`grantStatus.${grant.status}`)}
                    </span>
                  </td>
                  <td>{grant.grantedViaContract}</td>
                  <td>
                    <When at={grant.createdAt} />
                  </td>
                  <td>
                    <ConfirmAction
                      compact
                      danger
                      label={t("actions.revoke.button")}
                      accessibleLabel={t("actions.revoke.buttonFor", { customer })}
                      unavailable={adminOnly}
                      title={t("actions.revoke.title", { customer })}
                      text={<p>{t("actions.revoke.text", { email: user.email, customer })}</p>}
                      confirmLabel={t("actions.revoke.confirm")}
                      onConfirm={() =>
                        revoke.submit({ userId: user.id, customerId: grant.customerId })
                      }
                      onDone={done(t("actions.revoke.buttonFor", { customer }))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
