import type { Feature, Platform } from "../platform";
import { SessionResolver } from "./session.resolver";
import { SignInService } from "./sign-in.service";

/** signIn and signOut. */
export function createSessions(p: Platform): Feature {
  const signIns = new SignInService(p.sessions, p.throttle, p.audit, (userId, language) =>
    p.users.recordSignIn(userId, language),
  );
  return { resolvers: [new SessionResolver(signIns)] };
}
