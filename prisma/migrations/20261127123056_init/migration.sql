-- CreateEnum
CREATE TYPE "email_source" AS ENUM ('CUSTOMER', 'CONTACT', 'LOCATION');

-- CreateEnum
CREATE TYPE "user_status" AS ENUM ('PENDING_VERIFICATION', 'ACTIVE');

-- CreateEnum
CREATE TYPE "enrollment_outcome" AS ENUM ('STARTED', 'REJECTED', 'INVALID');

-- CreateTable
CREATE TABLE "servicing_customer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "servicing_customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "servicing_contact" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "email" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "servicing_contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "servicing_location" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "email" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "servicing_location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "servicing_contract" (
    "id" TEXT NOT NULL,
    "contract_key" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "booked" BOOLEAN NOT NULL,
    "bill_to_location_id" TEXT,
    "billing_line1" TEXT,
    "billing_city" TEXT,
    "billing_region" TEXT,
    "billing_postal_code" TEXT,
    "billing_country" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "servicing_contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "servicing_email_address" (
    "address" TEXT NOT NULL,
    "source_type" "email_source" NOT NULL,
    "source_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,

    CONSTRAINT "servicing_email_address_pkey" PRIMARY KEY ("source_type","source_id","address")
);

-- CreateTable
CREATE TABLE "portal_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "status" "user_status" NOT NULL DEFAULT 'PENDING_VERIFICATION',
    "password_hash" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    "verified_at" TIMESTAMPTZ(6),

    CONSTRAINT "portal_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_access_grant" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "granted_via_contract" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_access_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment_attempt" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_id" TEXT,
    "email" TEXT,
    "contract_id" TEXT,
    "outcome" "enrollment_outcome" NOT NULL,
    "reason_code" TEXT NOT NULL,
    "customer_id" TEXT,
    "user_id" UUID,

    CONSTRAINT "enrollment_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "servicing_contact_customer_id_idx" ON "servicing_contact"("customer_id");

-- CreateIndex
CREATE INDEX "servicing_location_customer_id_idx" ON "servicing_location"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "servicing_contract_contract_key_key" ON "servicing_contract"("contract_key");

-- CreateIndex
CREATE INDEX "servicing_contract_customer_id_booked_idx" ON "servicing_contract"("customer_id", "booked");

-- CreateIndex
CREATE INDEX "servicing_contract_bill_to_location_id_customer_id_idx" ON "servicing_contract"("bill_to_location_id", "customer_id");

-- CreateIndex
CREATE INDEX "servicing_email_address_address_idx" ON "servicing_email_address"("address");

-- CreateIndex
CREATE UNIQUE INDEX "portal_user_email_key" ON "portal_user"("email");

-- CreateIndex
CREATE INDEX "customer_access_grant_customer_id_idx" ON "customer_access_grant"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_access_grant_user_id_customer_id_key" ON "customer_access_grant"("user_id", "customer_id");

-- CreateIndex
CREATE INDEX "enrollment_attempt_created_at_idx" ON "enrollment_attempt"("created_at");

-- CreateIndex
CREATE INDEX "enrollment_attempt_email_idx" ON "enrollment_attempt"("email");

-- AddForeignKey
ALTER TABLE "servicing_contact" ADD CONSTRAINT "servicing_contact_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "servicing_customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "servicing_location" ADD CONSTRAINT "servicing_location_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "servicing_customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "servicing_contract" ADD CONSTRAINT "servicing_contract_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "servicing_customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "servicing_contract" ADD CONSTRAINT "servicing_contract_bill_to_location_id_fkey" FOREIGN KEY ("bill_to_location_id") REFERENCES "servicing_location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_access_grant" ADD CONSTRAINT "customer_access_grant_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "portal_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_access_grant" ADD CONSTRAINT "customer_access_grant_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "servicing_customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
