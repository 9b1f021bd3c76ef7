import type { Feature, Platform } from "../platform";
import { ContractsService } from "./contracts.service";
import { ViewerResolver } from "./viewer.resolver";

/** `me` and the contracts an account sees. */
export function createContracts(p: Platform): Feature {
  return { resolvers: [new ViewerResolver(new ContractsService(p.db.prisma))] };
}
