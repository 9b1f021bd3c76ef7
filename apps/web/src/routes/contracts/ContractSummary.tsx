import type { ReactNode } from "react";
import { useTranslation } from "../../i18n";

/**
 * What every contract card opens with: the contract's number as its heading (`level` keeps the page's
 * outline: booked contracts sit under the page title, closed ones under their section's), then its
 * customer as the first fact; `children` are the card's further facts (`<div><dt/><dd/></div>`).
 */
export function ContractSummary({
  contractId,
  customerName,
  level,
  children,
}: {
  contractId: string;
  customerName: string;
  level: 2 | 3;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <>
      <Heading className="contract__id">
        <span className="visually-hidden">{t("contracts.contract")} </span>
        {contractId}
      </Heading>
      <dl className="contract__facts">
        <div>
          <dt>{t("contracts.customer")}</dt>
          <dd>{customerName}</dd>
        </div>
        {children}
      </dl>
    </>
  );
}
