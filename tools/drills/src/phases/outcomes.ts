import type { Outcome } from "../graphql";

/** Counts of how the requests of a load ended. */
export function summarize(outcomes: Outcome[]) {
  const of = (kind: Outcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
  const networkMessages = [
    ...new Set(outcomes.flatMap((o) => (o.kind === "network" ? [o.message] : []))),
  ].slice(0, 5);
  return {
    requests: outcomes.length,
    answered: of("answer"),
    started: outcomes.filter((o) => o.kind === "answer" && o.typename === "EnrollmentStarted")
      .length,
    masked: of("masked"),
    otherGraphqlErrors: of("graphql-error"),
    http: of("http"),
    network: of("network"),
    /** Connections refused: the door was closed (the process had stopped listening or was gone). */
    refused: outcomes.filter((o) => o.kind === "network" && o.message.includes("ECONNREFUSED"))
      .length,
    timeouts: of("timeout"),
    networkMessages,
  };
}
