import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { LoadFailed } from "../../components/LoadFailed";
import { Loading } from "../../../ui/Loading";
import { TableRegion } from "../../components/TableRegion";
import { When } from "../../components/When";
import { t } from "../../i18n";
import { EnrollmentAttemptsQuery } from "./user.graphql";

/**
 * The self-enrollment attempts made with the account's address, newest first, with the internal
 * reason codes; each links to the explainer with the address and contract filled in (the postal code
 * is not kept with an attempt: the caller says it again).
 */
export function AttemptsTable({ email }: { email: string }) {
  const { data, loading, error, refetch } = useQuery(EnrollmentAttemptsQuery, {
    variables: { email },
    fetchPolicy: "network-only",
  });
  return (
    <section className="card" aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">{t("user.attemptsHeading")}</h2>
      <p className="muted break">{t("user.attemptsIntro", { email })}</p>
      {loading && !data ? (
        <Loading />
      ) : error && !data ? (
        <LoadFailed onRetry={() => void refetch()} />
      ) : !data || data.enrollmentAttempts.length === 0 ? (
        <p>{t("user.attemptsNone")}</p>
      ) : (
        <TableRegion caption={t("user.attemptsCaption", { email })}>
          <thead>
            <tr>
              <th scope="col">{t("user.at")}</th>
              <th scope="col">{t("user.outcome")}</th>
              <th scope="col">{t("user.reason")}</th>
              <th scope="col">{t("user.contract")}</th>
              <th scope="col">{t("user.attemptCustomer")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("user.explain")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.enrollmentAttempts.map((attempt, i) => (
              <tr key={`${attempt.at}-${i}`}>
                <th scope="row">
                  <When at={attempt.at} />
                </th>
                <td>
                  <span className={`badge badge--${attempt.outcome.toLowerCase()}`}>
                    {attempt.outcome}
                  </span>
                </td>
                <td>
                  <code>{attempt.reasonCode}</code>
                </td>
                <td>{attempt.contractId ?? t("user.none")}</td>
                <td>{attempt.customerId ?? t("user.none")}</td>
                <td>
                  <Link
                    to="/explain"
                    state={{ email: attempt.email ?? email, contractId: attempt.contractId ?? "" }}
                    aria-label={t("user.explainFor", {
                      at: new Date(attempt.at).toLocaleString("en-CA"),
                    })}
                  >
                    {t("user.explain")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
