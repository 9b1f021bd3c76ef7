import type { Logger } from "../logging/logger";

export interface GraphQLContext {
  requestId: string;
  log: Logger;
  ip: string | null;
  userAgent: string | null;
}
