import { performance } from "node:perf_hooks";

/** The public operations the drill sends, as a client of apps/api/schema.graphql would. */
export const SELF_ENROLL = `mutation SelfEnroll($input: SelfEnrollInput!) { selfEnroll(input: $input) {
  __typename ... on EnrollmentRejected { code } ... on RateLimited { reason retryAfterSeconds } } }`;

export const COMPLETE_ENROLLMENT = `mutation CompleteEnrollment($input: TokenPasswordInput!) { completeEnrollment(input: $input) {
  __typename ... on TokenRejected { code } ... on RateLimited { reason } } }`;

export const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) {
  __typename ... on RateLimited { reason retryAfterSeconds } } }`;

export const REQUEST_PASSWORD_RESET = `mutation RequestPasswordReset($email: String!) { requestPasswordReset(input: { email: $email }) {
  __typename ... on RateLimited { reason retryAfterSeconds } } }`;

export const REQUEST_VERIFICATION_EMAIL = `mutation RequestVerificationEmail($email: String!) { requestVerificationEmail(input: { email: $email }) {
  __typename ... on RateLimited { reason retryAfterSeconds } } }`;

/** What one request came back with. */
export type Outcome =
  | { kind: "answer"; typename: string; reason?: string }
  | { kind: "masked" }
  | { kind: "graphql-error"; code: string }
  | { kind: "http"; status: number }
  | { kind: "network"; message: string }
  | { kind: "timeout"; afterMs: number };

export interface Timed {
  outcome: Outcome;
  ms: number;
}

/** POSTs one operation and classifies the reply; never throws. */
export async function send(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<Timed> {
  const started = performance.now();
  const outcome = await classify(url, query, variables, timeoutMs);
  return { outcome, ms: performance.now() - started };
}

async function classify(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs: number,
): Promise<Outcome> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status !== 200) return { kind: "http", status: response.status };
    const body = JSON.parse(text) as {
      data?: Record<string, { __typename: string; reason?: string }> | null;
      errors?: { extensions?: { code?: string } }[];
    };
    const result = body.data ? Object.values(body.data)[0] : undefined;
    if (result)
      return {
        kind: "answer",
        typename: result.__typename,
        ...(result.reason ? { reason: result.reason } : {}),
      };
    const code = body.errors?.[0]?.extensions?.code ?? "none";
    return code === "INTERNAL_SERVER_ERROR" ? { kind: "masked" } : { kind: "graphql-error", code };
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return { kind: "timeout", afterMs: timeoutMs };
    return { kind: "network", message: String((error as Error).cause ?? error) };
  }
}

/** A short label for tallies: the typename (with the reason of a RateLimited), or what went wrong. */
export function label(outcome: Outcome): string {
  switch (outcome.kind) {
    case "answer":
      return outcome.reason ? `${outcome.typename}(${outcome.reason})` : outcome.typename;
    case "masked":
      return "masked error";
    case "graphql-error":
      return `GraphQL error ${outcome.code}`;
    case "http":
      return `HTTP ${outcome.status}`;
    case "network":
      return "network error";
    case "timeout":
      return `no answer within ${outcome.afterMs} ms`;
  }
}

/** GET of a plain HTTP route: status and body text (or the error). */
export async function getRoute(
  url: string,
  route: string,
  timeoutMs = 10_000,
): Promise<{ status: number | string; body: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}${route}`, { signal: AbortSignal.timeout(timeoutMs) });
    return {
      status: response.status,
      body: await response.text(),
      ms: performance.now() - started,
    };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return {
      status: timedOut ? `no answer within ${timeoutMs} ms` : "network error",
      body: String((error as Error).cause ?? error),
      ms: performance.now() - started,
    };
  }
}
