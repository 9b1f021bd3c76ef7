-- The new indexes are built first: building takes a lock that still lets enrollment lookups read both
-- tables, while dropping the old index locks the table until the migration commits.

-- CreateIndex
CREATE INDEX "servicing_contract_lookup_idx" ON "servicing_contract"("contract_key", "customer_id", "booked", "billing_postal_code", "billing_country");

-- CreateIndex
CREATE INDEX "servicing_email_address_lookup_idx" ON "servicing_email_address"("address", "source_type", "source_id", "customer_id");

-- DropIndex
DROP INDEX "servicing_email_address_address_idx";
