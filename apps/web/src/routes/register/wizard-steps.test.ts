import { EMPTY_VALUES, formatErrors, furthestReachableStep, stepOfField } from "./wizard-steps";

const complete = {
  firstName: "Dana",
  lastName: "Whitfield",
  email: "dana.whitfield@northwind.example",
  billingPostalCode: "94607",
  contractId: "LSE-100234",
};

test("a step is checked with the server's format rules, for its own fields only, in form order", () => {
  expect(formatErrors(EMPTY_VALUES, ["firstName", "lastName", "email"])).toEqual([
    { field: "firstName", code: "REQUIRED" },
    { field: "lastName", code: "REQUIRED" },
    { field: "email", code: "REQUIRED" },
  ]);
  expect(
    formatErrors({ ...complete, email: "a@x.example, b@y.example" }, [
      "contractId",
      "billingPostalCode",
    ]),
  ).toEqual([]);
  expect(formatErrors({ ...complete, email: "a@x.example, b@y.example" }, ["email"])).toEqual([
    { field: "email", code: "INVALID_EMAIL" },
  ]);
  expect(formatErrors({ ...complete, billingPostalCode: " - " }, ["billingPostalCode"])).toEqual([
    { field: "billingPostalCode", code: "REQUIRED" },
  ]);
  expect(formatErrors({ ...complete, contractId: "x".repeat(65) }, ["contractId"])).toEqual([
    { field: "contractId", code: "TOO_LONG" },
  ]);
});

test("a reload cannot land past a step whose values are missing", () => {
  expect(furthestReachableStep(EMPTY_VALUES, 2)).toBe(0);
  expect(furthestReachableStep({ ...complete, contractId: "" }, 2)).toBe(1);
  expect(furthestReachableStep(complete, 2)).toBe(2);
  expect(furthestReachableStep(complete, 9)).toBe(2);
});

test("a server field error sends the person back to the step holding the field", () => {
  expect(stepOfField("email")).toBe(0);
  expect(stepOfField("billingPostalCode")).toBe(1);
});
