-- Audit events say which operation they are about (event_type) and how it ended (outcome).
-- Rows written before this said THROTTLED / <operation> and TOKEN_REJECTED / <token purpose>.
UPDATE "audit_event" SET "event_type" = "outcome", "outcome" = 'THROTTLED' WHERE "event_type" = 'THROTTLED';
UPDATE "audit_event"
SET "event_type" = CASE "outcome" WHEN 'VERIFY_EMAIL' THEN 'ENROLLMENT_COMPLETED' ELSE 'PASSWORD_RESET' END,
    "outcome" = 'REJECTED'
WHERE "event_type" = 'TOKEN_REJECTED';
