import { retryDelayMs } from "./mail.worker";

test("the retry delay doubles with each attempt, within half to all of the ceiling", () => {
  expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
  expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
  expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
});

test("the retry delay never exceeds the maximum", () => {
  expect(retryDelayMs(40, 1000, 60_000, () => 1)).toBe(60_000);
});
