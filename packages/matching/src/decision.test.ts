import type { ContractFacts, EmailOwnerFacts } from "./decision";
import { decideEligibility, isBookedStatus } from "./decision";

const contract: ContractFacts = {
  customerId: "cust-1",
  booked: true,
  postalCode: "12345-6789",
  country: "USA",
};
const owners: EmailOwnerFacts = { customerIds: ["cust-1"], billToCustomerIds: [] };
const noOwners: EmailOwnerFacts = { customerIds: [], billToCustomerIds: [] };

describe("decideEligibility", () => {
  it("admits the customer of a booked contract whose email and postal code match", () => {
    expect(decideEligibility({ enteredPostalCode: "12345", contract, owners })).toEqual({
      eligible: true,
      customerId: "cust-1",
    });
  });

  it("admits an email found only on the contract's bill-to location", () => {
    const billTo = { customerIds: [], billToCustomerIds: ["cust-1"] };
    expect(decideEligibility({ enteredPostalCode: "12345", contract, owners: billTo })).toEqual({
      eligible: true,
      customerId: "cust-1",
    });
  });

  it("an email shared by two customers is decided by the contract", () => {
    const shared = { customerIds: ["cust-1", "cust-2"], billToCustomerIds: [] };
    const other = { ...contract, customerId: "cust-2", postalCode: "K1A 0B1", country: "Canada" };
    expect(decideEligibility({ enteredPostalCode: "12345", contract, owners: shared })).toEqual({
      eligible: true,
      customerId: "cust-1",
    });
    expect(
      decideEligibility({ enteredPostalCode: "k1a0b1", contract: other, owners: shared }),
    ).toEqual({ eligible: true, customerId: "cust-2" });
  });

  it("rejects an email that belongs to nobody before looking at the contract", () => {
    expect(decideEligibility({ enteredPostalCode: "12345", contract, owners: noOwners })).toEqual({
      eligible: false,
      reason: "EMAIL_NOT_ON_FILE",
    });
    expect(decideEligibility({ enteredPostalCode: "", contract: null, owners: noOwners })).toEqual({
      eligible: false,
      reason: "EMAIL_NOT_ON_FILE",
    });
  });

  it("rejects an unknown contract", () => {
    expect(decideEligibility({ enteredPostalCode: "12345", contract: null, owners })).toEqual({
      eligible: false,
      reason: "CONTRACT_NOT_FOUND",
    });
  });

  it("rejects a contract that is not booked, even of another customer", () => {
    const unbooked = { ...contract, booked: false };
    expect(decideEligibility({ enteredPostalCode: "12345", contract: unbooked, owners })).toEqual({
      eligible: false,
      reason: "CONTRACT_NOT_BOOKED",
    });
    const othersUnbooked = { ...unbooked, customerId: "cust-9" };
    expect(
      decideEligibility({ enteredPostalCode: "00000", contract: othersUnbooked, owners }),
    ).toEqual({ eligible: false, reason: "CONTRACT_NOT_BOOKED" });
  });

  it("rejects another customer's contract before comparing postal codes", () => {
    const others = { ...contract, customerId: "cust-9" };
    for (const enteredPostalCode of ["12345", "99999"]) {
      expect(decideEligibility({ enteredPostalCode, contract: others, owners })).toEqual({
        eligible: false,
        reason: "CONTRACT_OF_OTHER_CUSTOMER",
      });
    }
  });

  it("rejects a postal code that does not match the contract's billing address", () => {
    expect(decideEligibility({ enteredPostalCode: "12346", contract, owners })).toEqual({
      eligible: false,
      reason: "POSTAL_CODE_MISMATCH",
    });
  });

  it("compares the postal code by the contract's country", () => {
    const british = { ...contract, country: "GB" };
    expect(decideEligibility({ enteredPostalCode: "12345", contract: british, owners })).toEqual({
      eligible: false,
      reason: "POSTAL_CODE_MISMATCH",
    });
  });

  it("rejects a contract without a stored postal code", () => {
    const noPostal = { ...contract, postalCode: null };
    expect(decideEligibility({ enteredPostalCode: "", contract: noPostal, owners })).toEqual({
      eligible: false,
      reason: "POSTAL_CODE_MISMATCH",
    });
  });
});

describe("isBookedStatus", () => {
  it.each(["BOOKED", "booked", " Booked "])("treats %p as booked", (status) => {
    expect(isBookedStatus(status)).toBe(true);
  });

  it.each([
    null,
    undefined,
    "",
    "ENTERED",
    "PENDING_BOOKED",
    "BOOKED_OLD",
    "NOT BOOKED",
    "TERMINATED",
  ])("treats %p as not booked", (status) => {
    expect(isBookedStatus(status)).toBe(false);
  });
});
