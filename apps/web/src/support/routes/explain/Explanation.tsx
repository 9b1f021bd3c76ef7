import { TableRegion } from "../../components/TableRegion";
import { When } from "../../components/When";
import type { ExplainEligibilityQuery } from "../../gql/graphql";
import { hasText, t } from "../../i18n";

type Explanation = Extract<
  ExplainEligibilityQuery["explainEligibility"],
  { __typename: "EligibilityExplanation" }
>;

const yesNo = (value: boolean) => (value ? t("explain.yes") : t("explain.no"));
const orNotOnFile = (value: string | null) => value ?? t("explain.notOnFile");

/**
 * selfEnroll's verdict on the caller's details, every rule's result (the deciding one marked), the
 * records that hold the address, the contract and the postal code comparison: what support needs to
 * say "your invoice shows a different billing address".
 */
export function Explanation({ explanation: e }: { explanation: Explanation }) {
  const postalRule = e.postal && `explain.postalRules.${e.postal.rule}`;
  return (
    <div className="explanation">
      <section
        className={`card verdict ${e.eligible ? "verdict--eligible" : "verdict--refused"}`}
        aria-labelledby="verdict-heading"
      >
        <h2 id="verdict-heading" tabIndex={-1}>
          {t("explain.resultHeading")}
        </h2>
        <p className="verdict__text">
          {e.eligible
            ? t("explain.eligible", { customerId: e.customerId ?? "" })
            : t("explain.refused", {
                reason: e.reasonCode ? t(`explain.reasons.${e.reasonCode}`) : "",
              })}{" "}
          {e.reasonCode && <code>{e.reasonCode}</code>}
        </p>
      </section>

      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{t("explain.checksHeading")}</h2>
        <TableRegion caption={t("explain.checksCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("explain.rule")}</th>
              <th scope="col">{t("explain.result")}</th>
              <th scope="col">{t("explain.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {e.checks.map((check) => (
              <tr key={check.rule} className={check.decisive ? "row--decisive" : undefined}>
                <th scope="row">
                  {t(`explain.rules.${check.rule}`)} <code className="muted">{check.rule}</code>
                </th>
                <td>
                  <span className={`badge badge--${check.status.toLowerCase()}`}>
                    {t(`explain.checkStatus.${check.status}`)}
                  </span>
                  {check.decisive && <strong className="decisive">{t("explain.decisive")}</strong>}
                </td>
                <td>{check.detail}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </section>

      {e.postal && (
        <section className="card" aria-labelledby="postal-heading">
          <h2 id="postal-heading">{t("explain.postalHeading")}</h2>
          <TableRegion caption={t("explain.postalCaption")}>
            <thead>
              <tr>
                <td />
                <th scope="col">{t("explain.postal.asStored")}</th>
                <th scope="col">{t("explain.postal.asCompared")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("explain.postal.stored")}</th>
                <td>
                  <code>{orNotOnFile(e.postal.storedRaw)}</code>
                </td>
                <td>
                  <code>{e.postal.storedCompared}</code>
                </td>
              </tr>
              <tr>
                <th scope="row">{t("explain.postal.entered")}</th>
                <td>
                  <code>{e.postal.enteredRaw}</code>
                </td>
                <td>
                  <code>{e.postal.enteredCompared}</code>
                </td>
              </tr>
            </tbody>
          </TableRegion>
          <dl className="facts facts--columns">
            <div>
              <dt>{t("explain.postal.matches")}</dt>
              <dd>
                <span className={`badge badge--${e.postal.matches ? "passed" : "failed"}`}>
                  {yesNo(e.postal.matches)}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("explain.postal.rule")}</dt>
              <dd>
                {postalRule && hasText(postalRule) ? t(postalRule) : e.postal.rule}{" "}
                <code className="muted">{e.postal.rule}</code>
              </dd>
            </div>
            <div>
              <dt>{t("explain.postal.country")}</dt>
              <dd>{e.postal.country}</dd>
            </div>
            <div>
              <dt>{t("explain.postal.countryStored")}</dt>
              <dd>{orNotOnFile(e.postal.countryStored)}</dd>
            </div>
          </dl>
        </section>
      )}

      <section className="card" aria-labelledby="contract-heading">
        <h2 id="contract-heading">{t("explain.contractHeading")}</h2>
        {e.contract ? (
          <dl className="facts facts--columns">
            <div>
              <dt>{t("explain.contract.id")}</dt>
              <dd>{e.contract.id}</dd>
            </div>
            <div>
              <dt>{t("explain.contract.key")}</dt>
              <dd>
                <code>{e.contract.key}</code>
              </dd>
            </div>
            <div>
              <dt>{t("explain.contract.customerId")}</dt>
              <dd>{e.contract.customerId}</dd>
            </div>
            <div>
              <dt>{t("explain.contract.status")}</dt>
              <dd>{e.contract.status}</dd>
            </div>
            <div>
              <dt>{t("explain.contract.booked")}</dt>
              <dd>{yesNo(e.contract.booked)}</dd>
            </div>
            {e.contract.closedAt && (
              <div>
                <dt>{t("explain.contract.closedAt")}</dt>
                <dd>
                  <When at={e.contract.closedAt} />
                </dd>
              </div>
            )}
            <div>
              <dt>{t("explain.contract.billingPostalCode")}</dt>
              <dd>
                <code>{orNotOnFile(e.contract.billingPostalCode)}</code>
              </dd>
            </div>
            <div>
              <dt>{t("explain.contract.billingCountry")}</dt>
              <dd>{orNotOnFile(e.contract.billingCountry)}</dd>
            </div>
          </dl>
        ) : (
          <p>{t("explain.contractNone")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="on-file-heading">
        <h2 id="on-file-heading">{t("explain.onFileHeading")}</h2>
        {e.onFile.length === 0 ? (
          <p>{t("explain.onFileNone")}</p>
        ) : (
          <TableRegion caption={t("explain.onFileCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("explain.source")}</th>
                <th scope="col">{t("explain.sourceId")}</th>
                <th scope="col">{t("explain.customerId")}</th>
                <th scope="col">{t("explain.recordCustomerId")}</th>
              </tr>
            </thead>
            <tbody>
              {e.onFile.map((record) => (
                <tr key={`${record.source}-${record.sourceId}-${record.customerId}`}>
                  <th scope="row">{t(`explain.sources.${record.source}`)}</th>
                  <td>{record.sourceId}</td>
                  <td>{record.customerId}</td>
                  <td>{record.recordCustomerId}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
