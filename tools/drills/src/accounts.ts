import { withClient } from "./database";
import { STRONG_PASSWORD } from "@portal/test-support/standalone";
import type { EnrollInput } from "./fixture";
import { COMPLETE_ENROLLMENT, label, SELF_ENROLL, send } from "./graphql";

/**
 * An account that can sign in, made through the public journey: enroll, take the link from the
 * verification mail as it was queued, complete with the password.
 */
export async function activeAccount(
  apiUrl: string,
  databaseUrl: string,
  input: EnrollInput,
): Promise<void> {
  const enrolled = await send(apiUrl, SELF_ENROLL, { input });
  if (label(enrolled.outcome) !== "EnrollmentStarted")
    throw new Error(`enrolling ${input.email}: ${label(enrolled.outcome)}`);
  const body = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ text_body: string }>(
      `SELECT text_body FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
      [input.email],
    );
    return rows[0]?.text_body ?? "";
  });
  const token = /http:\/\/portal\.test\/verify\?token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
  if (!token) throw new Error(`no verification link queued for ${input.email}`);
  const completed = await send(apiUrl, COMPLETE_ENROLLMENT, {
    input: { token, password: STRONG_PASSWORD },
  });
  if (label(completed.outcome) !== "EnrollmentCompleted")
    throw new Error(`completing ${input.email}: ${label(completed.outcome)}`);
}
