import { When } from "../../components/When";
import type { PortalUserQuery } from "../../gql/graphql";
import { t } from "../../i18n";

type User = NonNullable<PortalUserQuery["portalUser"]>;

/** The account as the support desk sees it. */
export function UserDetails({ user }: { user: User }) {
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t("user.details")}</h2>
      <dl className="facts facts--columns">
        <div>
          <dt>{t("user.email")}</dt>
          <dd className="break">{user.email}</dd>
        </div>
        <div>
          <dt>{t("user.status")}</dt>
          <dd>
            <span className={`badge badge--${user.status.toLowerCase()}`}>
              {t(`status.${user.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("user.created")}</dt>
          <dd>
            <When at={user.createdAt} />
          </dd>
        </div>
        <div>
          <dt>{t("user.lastSignIn")}</dt>
          <dd>
            <When at={user.lastSignInAt} otherwise={t("user.never")} />
          </dd>
        </div>
        {user.status === "INACTIVE" && (
          <>
            <div>
              <dt>{t("user.deactivatedAt")}</dt>
              <dd>
                <When at={user.deactivatedAt} />
              </dd>
            </div>
            <div>
              <dt>{t("user.deactivationReason")}</dt>
              <dd className="break">{user.deactivationReason ?? t("user.none")}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{t("user.id")}</dt>
          <dd>
            <code className="break">{user.id}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}
