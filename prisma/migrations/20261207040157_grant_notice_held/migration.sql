-- DropIndex
DROP INDEX "customer_access_grant_notified_at_idx";

-- AlterTable
ALTER TABLE "customer_access_grant" ADD COLUMN     "notice_held" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "customer_access_grant_notified_at_notice_held_created_at_idx" ON "customer_access_grant"("notified_at", "notice_held", "created_at");

-- Grants that exist now: only those of accounts never activated (no password set) and not told about
-- yet wait for the activation; the others were told, or are due as before.
UPDATE "customer_access_grant" g SET "notice_held" = false
WHERE g."notified_at" IS NOT NULL
   OR EXISTS (SELECT 1 FROM "portal_user" u WHERE u."id" = g."user_id"
              AND (u."status" = 'ACTIVE' OR u."password_hash" IS NOT NULL));
