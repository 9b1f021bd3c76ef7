import type { TestApp } from "./harness";

/**
 * A client with its own cookie, like one browser: sends the session cookie back as a browser would.
 * `endpoint` is /graphql, or /support/graphql for the support console (its own cookie).
 */
export class Browser {
  cookie: string | undefined;
  lastSetCookie: string | null = null;
  /** Sent with every request (e.g. the page's language as Accept-Language). */
  headers: Record<string, string> = {};

  constructor(
    private readonly app: TestApp,
    private readonly endpoint = "/graphql",
  ) {}

  async gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const body = await this.raw<T>(query, variables);
    if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** The whole answer, errors included. */
  async raw<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
    const response = await fetch(`${this.app.server.url}${this.endpoint}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...this.headers,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    this.lastSetCookie = response.headers.get("set-cookie");
    if (this.lastSetCookie) {
      const [pair] = this.lastSetCookie.split(";");
      this.cookie = pair!.endsWith("=") ? undefined : pair;
    }
    return (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }
}

export const COMPLETE = `mutation($input: TokenPasswordInput!) { completeEnrollment(input: $input) {
  __typename
  ... on EnrollmentCompleted { message user { email } }
  ... on TokenRejected { code message }
  ... on PasswordRejected { message problems { code message } } } }`;

export const RESET = `mutation($input: TokenPasswordInput!) { resetPassword(input: $input) {
  __typename
  ... on PasswordResetCompleted { message user { email } }
  ... on TokenRejected { code message }
  ... on PasswordRejected { problems { code } } } }`;

export const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) {
  __typename ... on SignedIn { user { email } } ... on SignInFailed { message } } }`;

export const SIGN_OUT = `mutation { signOut { message } }`;

export const ME = `{ me { email firstName contracts { contractId customerName billingAddress { postalCode country } } } }`;

export const RESEND = `mutation($email: String!) { requestVerificationEmail(input: { email: $email }) {
  __typename ... on EmailRequestAccepted { message } ... on RateLimited { retryAfterSeconds message } } }`;

export const FORGOT = `mutation($email: String!) { requestPasswordReset(input: { email: $email }) {
  __typename ... on EmailRequestAccepted { message } ... on RateLimited { retryAfterSeconds message } } }`;
