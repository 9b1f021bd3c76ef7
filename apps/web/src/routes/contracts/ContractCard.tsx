import { useTranslation } from "../../i18n";
import type { MyContractsQuery } from "../../gql/graphql";

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
      <h2 className="contract__id">
        <span className="visually-hidden">{t("contracts.contract")} </span>
        {contract.contractId}
      </h2>
      <dl className="contract__facts">
        <div>
          <dt>{t("contracts.customer")}</dt>
          <dd>{contract.customerName}</dd>
        </div>
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
      </dl>
    </li>
  );
}
