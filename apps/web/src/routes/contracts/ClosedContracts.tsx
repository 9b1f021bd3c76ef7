import { useTranslation } from "../../i18n";
import type { MyContractsQuery } from "../../gql/graphql";

type ClosedContract = NonNullable<MyContractsQuery["me"]>["closedContracts"][number];

/** Contracts the portal saw booked and that are no longer booked, with the day they closed. */
export function ClosedContracts({ contracts }: { contracts: ClosedContract[] }) {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" });
  return (
    <section className="closed-contracts" aria-labelledby="closed-heading">
      <h2 id="closed-heading">{t("contracts.closedHeading")}</h2>
      <p className="muted">{t("contracts.closedIntro")}</p>
      <ul className="contract-list">
        {contracts.map((contract) => (
          <li className="contract contract--closed card" key={contract.contractId}>
            <h3 className="contract__id">
              <span className="visually-hidden">{t("contracts.contract")} </span>
              {contract.contractId}
            </h3>
            <dl className="contract__facts">
              <div>
                <dt>{t("contracts.customer")}</dt>
                <dd>{contract.customerName}</dd>
              </div>
              <div>
                <dt>{t("contracts.closedOn")}</dt>
                <dd>
                  <time dateTime={contract.closedOn}>
                    {day.format(new Date(contract.closedOn))}
                  </time>
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
