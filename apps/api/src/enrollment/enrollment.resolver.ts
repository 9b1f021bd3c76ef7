import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/context";
import { SelfEnrollInput } from "./enrollment.input";
import { EnrollmentService, type SelfEnrollOutcome } from "./enrollment.service";
import { SelfEnrollResult } from "./enrollment.types";

@Resolver()
export class EnrollmentResolver {
  constructor(private readonly service: EnrollmentService) {}

  @Mutation(() => SelfEnrollResult, {
    description:
      "Checks what a visitor typed against servicing data. When eligible, creates (or finds) the account pending verification and grants access to the customer the contract belongs to.",
  })
  selfEnroll(@Arg("input", () => SelfEnrollInput, { description: "The values typed into the Register Here form." }) input: SelfEnrollInput, @Ctx() ctx: GraphQLContext): Promise<SelfEnrollOutcome> {
    return this.service.selfEnroll(input, { meta: ctx.meta, log: ctx.log });
  }
}
