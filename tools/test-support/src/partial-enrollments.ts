/** An account missing one of the rows an enrollment writes together, with how many of each it has. */
export interface PartialEnrollment {
  email: string;
  grants: number;
  tokens: number;
  mails: number;
  attempts: number;
}

/**
 * Accounts missing one of the rows an enrollment writes together: an access grant, a token, the mail
 * to its address, the attempt naming it. Any row is a partial enrollment (a fault test's failure).
 */
export const PARTIAL_ENROLLMENTS_SQL = `
  SELECT u.email,
    (SELECT count(*) FROM customer_access_grant g WHERE g.user_id = u.id)::int AS grants,
    (SELECT count(*) FROM account_token t WHERE t.user_id = u.id)::int AS tokens,
    (SELECT count(*) FROM mail_outbox m WHERE m.to_address = u.email)::int AS mails,
    (SELECT count(*) FROM enrollment_attempt a WHERE a.user_id = u.id)::int AS attempts
  FROM portal_user u
  WHERE NOT EXISTS (SELECT 1 FROM customer_access_grant g WHERE g.user_id = u.id)
     OR NOT EXISTS (SELECT 1 FROM account_token t WHERE t.user_id = u.id)
     OR NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.to_address = u.email)
     OR NOT EXISTS (SELECT 1 FROM enrollment_attempt a WHERE a.user_id = u.id)`;
