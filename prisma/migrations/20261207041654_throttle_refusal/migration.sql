-- CreateTable
CREATE TABLE "throttle_refusal" (
    "operation" TEXT NOT NULL,
    "throttle" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(6) NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "first_seen" TIMESTAMPTZ(6) NOT NULL,
    "last_seen" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "throttle_refusal_pkey" PRIMARY KEY ("operation","throttle","key_hash","window_start")
);

-- CreateIndex
CREATE INDEX "throttle_refusal_window_start_idx" ON "throttle_refusal"("window_start");
