-- AlterTable
ALTER TABLE "portal_user" ADD COLUMN     "language" TEXT;
