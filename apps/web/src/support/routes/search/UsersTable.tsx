import { Link } from "react-router";
import { TableRegion } from "../../components/TableRegion";
import { When } from "../../components/When";
import type { PortalUsersQuery } from "../../gql/graphql";
import { t } from "../../i18n";

type User = PortalUsersQuery["portalUsers"][number];

/** The accounts a search found: each links to its page. */
export function UsersTable({ users, search }: { users: User[]; search: string }) {
  return (
    <TableRegion caption={t("search.caption", { search })}>
      <thead>
        <tr>
          <th scope="col">{t("search.email")}</th>
          <th scope="col">{t("search.name")}</th>
          <th scope="col">{t("search.status")}</th>
          <th scope="col">{t("search.created")}</th>
          <th scope="col">{t("search.lastSignIn")}</th>
          <th scope="col">{t("search.grants")}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              <Link to={`/users/${user.id}`}>{user.email}</Link>
            </th>
            <td>
              {user.firstName} {user.lastName}
            </td>
            <td>
              <span className={`badge badge--${user.status.toLowerCase()}`}>
                {t(`status.${user.status}`)}
              </span>
            </td>
            <td>
              <When at={user.createdAt} />
            </td>
            <td>
              <When at={user.lastSignInAt} otherwise={t("user.never")} />
            </td>
            <td>
              {user.grants.length === 0 ? (
                t("user.none")
              ) : (
                <ul className="plain-list">
                  {user.grants.map((grant) => (
                    <li key={grant.customerId}>
                      {grant.customerName ?? grant.customerId}{" "}
                      <span className="muted">
                        ({grant.customerId}, {t(`grantStatus.${grant.status}`)})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
