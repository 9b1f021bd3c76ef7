import type { PrismaClient } from "../generated/prisma/client";

/** The client inside `prisma.$transaction(async (tx) => …)`: repositories take it to join a transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
