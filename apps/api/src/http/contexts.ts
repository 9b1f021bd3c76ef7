import type { Config } from "../config/config";
import type { GraphQLContext } from "../graphql/context";
import type { SupportContext } from "../graphql/support-context";
import type { SessionService, SessionUser } from "../sessions/session.service";
import type { StaffAuthService } from "../support/staff-auth.service";
import type { StaffMember } from "../support/staff.repository";
import { deviceCookies } from "./device-cookie";
import type { EndpointRequest } from "./graphql-endpoint";
import { portalLanguage } from "./request-meta";
import { sessionCookie } from "./session-cookie";
import { staffCookie } from "./staff-cookie";

/** `/graphql`: the customer's session cookie and language, the account looked up once per request. */
export function customerContext(config: Config, sessions: Pick<SessionService, "resolve">) {
  const deviceCookie = deviceCookies("customer", config.ipHashSecret, config.sessions.secureCookie);
  return ({ req, res, requestId, log, meta }: EndpointRequest): GraphQLContext => {
    const cookies = sessionCookie(req, res, config.sessions.secureCookie);
    let user: Promise<SessionUser | null> | undefined;
    return {
      requestId,
      log,
      request: {
        meta,
        log,
        cookies,
        device: deviceCookie(req, res),
        language: portalLanguage(req.get("accept-language")),
      },
      currentUser: () => (user ??= sessions.resolve(cookies.read())),
    };
  };
}

/** `/support/graphql`: the staff cookie (Path=/support), the member of staff looked up once per request. */
export function staffContext(config: Config, auth: Pick<StaffAuthService, "resolve">) {
  const deviceCookie = deviceCookies("staff", config.ipHashSecret, config.staff.secureCookie);
  return ({ req, res, requestId, log, meta }: EndpointRequest): SupportContext => {
    const cookie = staffCookie(req, res, config.staff.secureCookie);
    let staff: Promise<StaffMember | null> | undefined;
    return {
      requestId,
      log,
      request: { meta, log, cookie, device: deviceCookie(req, res) },
      currentStaff: () => (staff ??= auth.resolve(cookie.read())),
    };
  };
}
