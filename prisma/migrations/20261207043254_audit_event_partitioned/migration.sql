-- audit_event is partitioned by month on created_at, so that the trail can be archived a month at a time
-- (`pnpm audit:archive`: written to a file, then the month's partition detached and dropped) while no
-- statement can UPDATE, DELETE or TRUNCATE an event. Written by hand: Prisma's schema cannot say
-- "partitioned"; the table's columns, key and indexes are the ones schema.prisma declares, so
-- `pnpm db:diff` sees no drift.

-- The table as it was, renamed out of the way (its rows are copied below, then it is dropped).
ALTER TABLE "audit_event" RENAME TO "audit_event_unpartitioned";
ALTER TABLE "audit_event_unpartitioned" RENAME CONSTRAINT "audit_event_pkey" TO "audit_event_unpartitioned_pkey";
ALTER INDEX "audit_event_created_at_idx" RENAME TO "audit_event_unpartitioned_created_at_idx";
ALTER INDEX "audit_event_event_type_created_at_idx" RENAME TO "audit_event_unpartitioned_event_type_created_at_idx";
ALTER INDEX "audit_event_staff_user_id_created_at_idx" RENAME TO "audit_event_unpartitioned_staff_user_id_created_at_idx";

-- A partitioned table's key must hold the partition key: (id, created_at).
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event_type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "email" TEXT,
    "user_id" UUID,
    "ip_hash" TEXT,
    "user_agent" TEXT,
    "request_id" TEXT,
    "customer_id" TEXT,
    "staff_user_id" UUID,
    "target" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id", "created_at")
) PARTITION BY RANGE ("created_at");

CREATE INDEX "audit_event_created_at_idx" ON "audit_event"("created_at");
CREATE INDEX "audit_event_event_type_created_at_idx" ON "audit_event"("event_type", "created_at");
CREATE INDEX "audit_event_staff_user_id_created_at_idx" ON "audit_event"("staff_user_id", "created_at");

-- Row triggers on a partitioned table are cloned onto every partition, present and future; a TRUNCATE
-- trigger is not, so each partition gets its own (audit_event_add_partition).
CREATE TRIGGER "audit_event_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- The partition of the month that holds `month` (UTC months): audit_event_YYYY_MM. Does nothing when it
-- exists, or when the default partition already holds rows of that month (they stay there, kept; the
-- month is then archived with the default partition never, and a notice says so).
CREATE FUNCTION "audit_event_add_partition"("month" TIMESTAMPTZ) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  "from" TIMESTAMPTZ := date_trunc('month', "month", 'UTC');
  "to" TIMESTAMPTZ := date_trunc('month', "month", 'UTC') + INTERVAL '1 month';
  "name" TEXT := 'audit_event_' || to_char("from" AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(format('%I', "name")) IS NOT NULL THEN
    RETURN FALSE;
  END IF;
  IF EXISTS (SELECT 1 FROM "audit_event_default" WHERE "created_at" >= "from" AND "created_at" < "to") THEN
    RAISE NOTICE 'audit_event_default holds rows of %: no partition created', "name";
    RETURN FALSE;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF "audit_event" FOR VALUES FROM (%L) TO (%L)', "name", "from", "to");
  EXECUTE format('CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()', "name");
  RETURN TRUE;
END
$$;

-- The months from `first` through `months_ahead` months after the current one; returns how many were created.
CREATE FUNCTION "audit_event_add_partitions"("first" TIMESTAMPTZ, "months_ahead" INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  "m" TIMESTAMPTZ := date_trunc('month', "first", 'UTC');
  "created" INTEGER := 0;
BEGIN
  WHILE "m" <= date_trunc('month', now(), 'UTC') + make_interval(months => "months_ahead") LOOP
    IF "audit_event_add_partition"("m") THEN
      "created" := "created" + 1;
    END IF;
    "m" := "m" + INTERVAL '1 month';
  END LOOP;
  RETURN "created";
END
$$;

-- Rows of a month without a partition land here rather than fail: the trail never refuses an event.
CREATE TABLE "audit_event_default" PARTITION OF "audit_event" DEFAULT;
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event_default"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

SELECT "audit_event_add_partitions"(
  COALESCE((SELECT min("created_at") FROM "audit_event_unpartitioned"), now()), 12);

INSERT INTO "audit_event" ("id", "created_at", "event_type", "outcome", "reason", "email", "user_id", "ip_hash",
  "user_agent", "request_id", "customer_id", "staff_user_id", "target")
SELECT "id", "created_at", "event_type", "outcome", "reason", "email", "user_id", "ip_hash",
  "user_agent", "request_id", "customer_id", "staff_user_id", "target"
FROM "audit_event_unpartitioned";

-- DROP TABLE fires no trigger: the old table goes once its rows are in the new one.
DROP TABLE "audit_event_unpartitioned";
