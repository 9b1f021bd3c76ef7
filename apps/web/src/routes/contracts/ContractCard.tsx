import { useTranslation } from "../../i18n";
import type { MyContractsQuery } from "../../gql/graphql";
import { ContractSummary } from "./ContractSummary";

type Contract = NonNullable<MyContractsQuery["me"]>["contracts"][number];

/** One booked contract: its number, customer and billing address. */
export function ContractCard({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const address = contract.billingAddress;
  const lines = address
    ? [
        address.line1,
        [address.city, address.region, address.postalCode].filter(Boolean).join(" "),
        address.country,
      ].filter(Boolean)
    : [];
  return (
    <li className="contract card">
      <ContractSummary
        contractId={contract.contractId}
        customerName={contract.customerName}
        level={2}
      >
        <div>
          <dt>{t("contracts.billingAddress")}</dt>
          <dd>
            {lines.length === 0
              ? t("contracts.noAddress")
              : lines.map((line, i) => (
                  <span className="address-line" key={i}>
                    {line}
                  </span>
                ))}
          </dd>
        </div>
      </ContractSummary>
    </li>
  );
}
