-- AlterTable
ALTER TABLE "customer_access_grant" ADD COLUMN     "notified_at" TIMESTAMPTZ(6);

-- CreateIndex
CREATE INDEX "customer_access_grant_notified_at_idx" ON "customer_access_grant"("notified_at");

-- Grants that existed before security notices: nobody is told about them now.
UPDATE "customer_access_grant" SET "notified_at" = "created_at";
