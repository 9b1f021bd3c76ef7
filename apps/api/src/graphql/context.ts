import type { Logger } from "../logging/logger";
import type { RequestContext } from "../request/request-context";
import type { SessionUser } from "../sessions/session.service";

/** What a resolver gets: the transport-free request services take, and the signed-in account. */
export interface GraphQLContext {
  requestId: string;
  log: Logger;
  /** Request id, hashed client IP, user agent, logger and session cookie, as services take them. */
  request: RequestContext;
  /** The account of the session cookie, looked up once per request. */
  currentUser(): Promise<SessionUser | null>;
}
