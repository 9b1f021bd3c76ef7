import { actionReport } from "./action-answer";

test("a done action shows the server's message", () => {
  expect(
    actionReport({
      kind: "answer",
      result: { __typename: "SupportActionDone", message: "The account is active again." },
    }),
  ).toEqual({ tone: "success", message: "The account is active again." });
});

test("a refusal shows its code and message, ADMIN_ONLY included", () => {
  expect(
    actionReport({
      kind: "answer",
      result: {
        __typename: "SupportActionRefused",
        code: "ADMIN_ONLY",
        message: "Only an administrator can do this.",
      },
    }),
  ).toEqual({
    tone: "warning",
    code: "ADMIN_ONLY",
    message: "Only an administrator can do this.",
  });
});

test("SIGN_IN_REQUIRED means the staff session has ended", () => {
  expect(
    actionReport({
      kind: "answer",
      result: { __typename: "SupportActionRefused", code: "SIGN_IN_REQUIRED", message: "x" },
    }),
  ).toEqual({ tone: "signedOut" });
});

test("a rate limit and a failure go to the shared notices", () => {
  const limited = { kind: "rateLimited" as const, retryAfterSeconds: 60, until: new Date(0) };
  expect(actionReport(limited)).toEqual({ tone: "notice", outcome: limited });
  expect(actionReport({ kind: "error" })).toEqual({ tone: "notice", outcome: { kind: "error" } });
});
