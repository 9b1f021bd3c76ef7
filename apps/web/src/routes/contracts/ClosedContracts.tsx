import { useTranslation } from "../../i18n";
import type { MyContractsQuery } from "../../gql/graphql";
import { ContractSummary } from "./ContractSummary";

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
            <ContractSummary
              contractId={contract.contractId}
              customerName={contract.customerName}
              level={3}
            >
              <div>
                <dt>{t("contracts.closedOn")}</dt>
                <dd>
                  <time dateTime={contract.closedOn}>
                    {day.format(new Date(contract.closedOn))}
                  </time>
                </dd>
              </div>
            </ContractSummary>
          </li>
        ))}
      </ul>
    </section>
  );
}
