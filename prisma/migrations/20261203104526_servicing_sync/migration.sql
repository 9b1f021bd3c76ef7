-- Servicing sync (docs/servicing-import.md): grants outlive a removed customer (suspended, not deleted),
-- closed contracts keep when they were first seen closed, access events name their customer.

-- DropForeignKey
ALTER TABLE "customer_access_grant" DROP CONSTRAINT "customer_access_grant_customer_id_fkey";

-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "customer_id" TEXT;

-- AlterTable
ALTER TABLE "customer_access_grant" ADD COLUMN     "suspended_at" TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "servicing_contract" ADD COLUMN     "closed_at" TIMESTAMPTZ(6);
