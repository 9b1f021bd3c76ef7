import { parseServicingExport } from "./servicing-file.parser";
import { ServicingImportError } from "./servicing-import.errors";

const customer = { customerId: "C1", name: "Acme", email: "a@acme.example" };
const contract = {
  contractId: "K-1",
  customerId: "C1",
  status: "BOOKED",
  billToLocationId: null,
  billingAddress: { line1: "1 Main", city: "X", region: "Y", postalCode: "12345", country: "US" },
};

function problemsOf(raw: unknown): string[] {
  try {
    parseServicingExport(raw);
  } catch (error) {
    if (error instanceof ServicingImportError) return error.problems;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

test("accepts a well-formed file and fills absent optional fields with null", () => {
  const parsed = parseServicingExport({
    customers: [{ customerId: "C1", name: "Acme" }],
    contracts: [contract],
  });
  expect(parsed.customers).toEqual([{ customerId: "C1", name: "Acme", email: null }]);
  expect(parsed.contacts).toEqual([]);
  expect(parsed.contracts[0]!.billingAddress!.postalCode).toBe("12345");
});

test("integer ids are kept as strings", () => {
  const parsed = parseServicingExport({ customers: [{ customerId: 1001, name: "Acme" }] });
  expect(parsed.customers[0]!.customerId).toBe("1001");
});

test("names the record and the field of a bad value", () => {
  expect(problemsOf({ customers: [customer], contracts: [{ ...contract, status: 5 }] })).toEqual([
    'contracts[0] (contractId "K-1"): status: Invalid input: expected string, received number',
  ]);
});

test("names nested fields", () => {
  const bad = { ...contract, billingAddress: { ...contract.billingAddress, postalCode: ["1"] } };
  expect(problemsOf({ contracts: [bad] })[0]).toMatch(
    /^contracts\[0\] \(contractId "K-1"\): billingAddress\.postalCode: /,
  );
});

test("a record without its id is named by position", () => {
  expect(problemsOf({ customers: [{ name: "No id" }] })[0]).toMatch(
    /^customers\[0\]: customerId: /,
  );
});

test("refuses an id that appears twice", () => {
  expect(problemsOf({ customers: [customer, customer] })).toEqual([
    'customers[1] (customerId "C1"): customerId: appears more than once in the file',
  ]);
});

test("refuses two contract ids that differ only in case or spaces", () => {
  expect(problemsOf({ contracts: [contract, { ...contract, contractId: " k-1" }] })[0]).toMatch(
    /contractId: same as "K-1"/,
  );
});

test.each([
  ["an array", []],
  ["a string", "x"],
  ["null", null],
])("refuses a file that is %s", (_label, raw) => {
  expect(problemsOf(raw)[0]).toMatch(/JSON object/);
});

test("refuses a section that is not an array", () => {
  expect(problemsOf({ customers: { C1: customer } })).toEqual(["customers: must be an array"]);
});
