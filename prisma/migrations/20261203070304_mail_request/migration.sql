-- CreateEnum
CREATE TYPE "MailRequestKind" AS ENUM ('VERIFICATION_EMAIL', 'PASSWORD_RESET');

-- CreateTable
CREATE TABLE "mail_request" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "MailRequestKind" NOT NULL,
    "email" TEXT NOT NULL,

    CONSTRAINT "mail_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mail_request_created_at_idx" ON "mail_request"("created_at");
