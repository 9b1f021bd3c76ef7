import { rateLimitOf, waitParts } from "./rate-limit";

test("a RateLimited result is recognised by __typename, whatever else the union holds", () => {
  expect(
    rateLimitOf({ __typename: "RateLimited", retryAfterSeconds: 89.2 } as { __typename: string }),
  ).toEqual({ retryAfterSeconds: 90 });
  expect(rateLimitOf({ __typename: "RateLimited" })).toEqual({ retryAfterSeconds: null });
  expect(rateLimitOf({ __typename: "EnrollmentRejected" })).toBeNull();
  expect(rateLimitOf(undefined)).toBeNull();
});

test("waits are shown in the largest unit, rounded up so nobody retries too early", () => {
  expect(waitParts(45)).toEqual({ unit: "seconds", count: 45 });
  expect(waitParts(61)).toEqual({ unit: "minutes", count: 2 });
  expect(waitParts(3600)).toEqual({ unit: "hours", count: 1 });
  expect(waitParts(3601)).toEqual({ unit: "hours", count: 2 });
});
