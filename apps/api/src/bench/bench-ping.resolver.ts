import { Mutation, Resolver } from "type-graphql";

/**
 * The baseline of the HTTP benchmark: a mutation that does nothing, served by the same server
 * (express, request id, logs, Apollo, context) as selfEnroll. Registered only by bench-server.ts,
 * never part of the committed schema.
 */
@Resolver()
export class BenchPingResolver {
  @Mutation(() => Boolean, { description: "Benchmark baseline: does nothing." })
  benchPing(): boolean {
    return true;
  }
}
