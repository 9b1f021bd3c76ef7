import { InMemoryCache } from "@apollo/client";
import introspection from "../gql/possible-types";

/**
 * The customer pages' cache. `possibleTypes` (generated from the schema by codegen) tells it each
 * result union's members, so a fragment on a union is read back from the cache.
 */
export function createCache() {
  return new InMemoryCache({ possibleTypes: introspection.possibleTypes });
}
