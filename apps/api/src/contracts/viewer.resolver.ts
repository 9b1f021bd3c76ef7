import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../graphql/context";
import { ContractsService } from "./contracts.service";
import { PortalContract, Viewer } from "./viewer.types";

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly contractsService: ContractsService) {}

  @Query(() => Viewer, { nullable: true, description: "The signed-in account, or null without a session." })
  async me(@Ctx() ctx: GraphQLContext): Promise<Viewer | null> {
    const user = await ctx.currentUser();
    return user ? Object.assign(new Viewer(), user) : null;
  }

  @FieldResolver(() => [PortalContract], {
    description: "Booked contracts of the customers this account was granted, as servicing data stands now.",
  })
  contracts(@Root() viewer: Viewer): Promise<PortalContract[]> {
    return this.contractsService.visibleTo(viewer.id);
  }

  @FieldResolver(() => PortalContract, {
    nullable: true,
    description: "One contract by number, or null when this account may not see it (or it does not exist).",
  })
  contract(
    @Root() viewer: Viewer,
    @Arg("contractId", { description: "Contract number; case and surrounding spaces do not matter." }) contractId: string,
  ): Promise<PortalContract | null> {
    return this.contractsService.visibleContract(viewer.id, contractId);
  }
}
