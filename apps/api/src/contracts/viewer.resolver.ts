import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../graphql/context";
import type { ContractView, ContractsService } from "./contracts.service";
import { BillingAddress, ClosedContract, PortalContract, Viewer } from "./viewer.types";

function toPortalContract(contract: ContractView): PortalContract {
  return Object.assign(new PortalContract(), {
    ...contract,
    billingAddress:
      contract.billingAddress && Object.assign(new BillingAddress(), contract.billingAddress),
  });
}

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly contractsService: ContractsService) {}

  @Query(() => Viewer, {
    nullable: true,
    description: "The signed-in account, or null without a session.",
  })
  async me(@Ctx() ctx: GraphQLContext): Promise<Viewer | null> {
    const user = await ctx.currentUser();
    return user ? Object.assign(new Viewer(), user) : null;
  }

  @FieldResolver(() => [PortalContract], {
    description:
      "Booked contracts of the customers this account was granted, as servicing data stands now.",
  })
  async contracts(@Root() viewer: Viewer): Promise<PortalContract[]> {
    return (await this.contractsService.visibleTo(viewer.id)).map(toPortalContract);
  }

  @FieldResolver(() => [ClosedContract], {
    description:
      "Contracts of the same customers that the portal saw booked and that are no longer booked, the most recently closed first. A contract never seen booked is never listed.",
  })
  async closedContracts(@Root() viewer: Viewer): Promise<ClosedContract[]> {
    return (await this.contractsService.closedVisibleTo(viewer.id)).map((c) =>
      Object.assign(new ClosedContract(), c),
    );
  }

  @FieldResolver(() => Boolean, {
    description:
      "True when the servicing data no longer has this account's email on file for any customer it was granted: it sees no contracts until that is resolved (the person should contact support).",
  })
  async accessSuspended(@Root() viewer: Viewer): Promise<boolean> {
    return this.contractsService.accessSuspended(viewer.id);
  }

  @FieldResolver(() => PortalContract, {
    nullable: true,
    description:
      "One contract by number, or null when this account may not see it (or it does not exist).",
  })
  async contract(
    @Root() viewer: Viewer,
    @Arg("contractId", {
      description: "Contract number; case and surrounding spaces do not matter.",
    })
    contractId: string,
  ): Promise<PortalContract | null> {
    const contract = await this.contractsService.visibleContract(viewer.id, contractId);
    return contract && toPortalContract(contract);
  }
}
