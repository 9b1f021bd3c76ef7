import type { Feature, Platform } from "../platform";
import { PortalCopyResolver } from "./portal-copy.resolver";

/** The operator's copy (hints, portal name, support contact) for the web app. */
export function createPortalCopy(p: Platform): Feature {
  return { resolvers: [new PortalCopyResolver(p.config.copy)] };
}
