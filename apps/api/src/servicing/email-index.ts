import { splitEmailList } from "@portal/matching";

export type EmailSourceType = "CUSTOMER" | "CONTACT" | "LOCATION";

export interface EmailIndexRow {
  address: string;
  sourceType: EmailSourceType;
  sourceId: string;
  customerId: string;
}

/** The derived rows for one stored email field: one per single normalised address. */
export function emailIndexRows(
  sourceType: EmailSourceType,
  sourceId: string,
  customerId: string,
  storedEmail: string | null,
): EmailIndexRow[] {
  return splitEmailList(storedEmail).map((address) => ({
    address,
    sourceType,
    sourceId,
    customerId,
  }));
}
