import type { RequestMeta } from "../audit/request-meta";
import type { Logger } from "../logging/logger";
import type { CookieJar } from "../sessions/session.cookie";
import type { SessionUser } from "../sessions/session.service";

export interface GraphQLContext {
  requestId: string;
  log: Logger;
  ip: string | null;
  userAgent: string | null;
  cookies: CookieJar;
  /** Request id, hashed client IP and user agent, for the audit trail and throttle keys. */
  meta: RequestMeta;
  /** The account of the session cookie, looked up once per request. */
  currentUser(): Promise<SessionUser | null>;
}
