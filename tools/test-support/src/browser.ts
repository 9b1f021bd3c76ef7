import type { TestApp } from "./harness";

/**
 * A client with its own cookie, like one browser: sends the session cookie back as a browser would.
 * `endpoint` is /graphql, or /support/graphql for the support console (its own cookie).
 */
export class Browser {
  /** Every cookie the server set and did not clear, by name (paths and expiry are not modelled). */
  readonly jar = new Map<string, string>();
  lastSetCookie: string | null = null;
  /** Sent with every request (e.g. the page's language as Accept-Language). */
  headers: Record<string, string> = {};

  constructor(
    private readonly app: TestApp,
    private readonly endpoint = "/graphql",
  ) {}

  /** The Cookie header this browser sends; setting it replaces the whole jar. */
  get cookie(): string | undefined {
    if (this.jar.size === 0) return undefined;
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  set cookie(header: string | undefined) {
    this.jar.clear();
    for (const pair of header?.split("; ") ?? []) {
      const at = pair.indexOf("=");
      if (at > 0) this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

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
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const at = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (value === "") this.jar.delete(name);
      else this.jar.set(name, value);
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
