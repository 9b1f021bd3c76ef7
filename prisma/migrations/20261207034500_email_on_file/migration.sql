-- The one definition of "this address is on file for this customer" (docs/enrollment-rules.md, step 1):
-- read by the eligibility facts, the support explainer and the grant re-check at the end of an import,
-- so that changing it here changes all three.
--
-- One row per proof: `address` proves `customer_id` through the record `source_type`/`source_id`
-- (owned by `record_customer_id`). A customer's or a contact's email field proves the customer it
-- belongs to; a location's email field proves the customer of each contract, whatever its status,
-- that bills to it (`bill_to_contract_id`), not the location's owner as such. A location no contract
-- bills to proves nobody.
--
-- A plain view of UNION ALL, no DISTINCT and no aggregate, so that PostgreSQL inlines it into each
-- query and pushes `address = …` into both arms: index probes on servicing_email_address_lookup_idx
-- and servicing_contract(bill_to_location_id, customer_id), as the hot path needs.

-- CreateView
CREATE VIEW "servicing_email_on_file" AS
  SELECT e."address", e."customer_id", e."source_type", e."source_id",
         e."customer_id" AS "record_customer_id", NULL::TEXT AS "bill_to_contract_id"
  FROM "servicing_email_address" e
  WHERE e."source_type" IN ('CUSTOMER', 'CONTACT')
  UNION ALL
  SELECT e."address", c."customer_id", e."source_type", e."source_id",
         e."customer_id" AS "record_customer_id", c."id" AS "bill_to_contract_id"
  FROM "servicing_email_address" e
  JOIN "servicing_contract" c ON c."bill_to_location_id" = e."source_id"
  WHERE e."source_type" = 'LOCATION';
