import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { RefusalReason, ThrottleRefusal } from "../throttle/refusal";

export enum RateLimitReason {
  TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS",
  LIMITER_UNAVAILABLE = "LIMITER_UNAVAILABLE",
}
// Every reason of the domain has its GraphQL value (a missing one fails the typecheck).
RateLimitReason satisfies Record<RefusalReason, RateLimitReason>;
registerEnumType(RateLimitReason, {
  name: "RateLimitReason",
  description: "Why a request was not processed.",
  valuesConfig: {
    TOO_MANY_ATTEMPTS: {
      description: "Too many attempts for these details or from this network; wait and try again.",
    },
    LIMITER_UNAVAILABLE: {
      description:
        "Attempts cannot be counted right now (rate-limit store unreachable), so the request is refused for safety.",
    },
  },
});

@ObjectType({
  description:
    "The request was not processed because of attempt limits; nothing was checked or changed.",
})
export class RateLimited {
  @Field(() => Int, { description: "Seconds to wait before trying again." })
  retryAfterSeconds!: number;

  @Field(() => RateLimitReason, { description: "Why the request was refused." })
  reason!: RateLimitReason;

  @Field({ description: "Text to show, including when to try again." })
  message!: string;
}

/** The answer to a refused throttled operation. */
export function rateLimited({ retryAfterSeconds, reason }: ThrottleRefusal): RateLimited {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const message =
    reason === "LIMITER_UNAVAILABLE"
      ? "This service is briefly unavailable. Please try again in a minute."
      : `Too many attempts. For your security, please wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} before trying again.`;
  return Object.assign(new RateLimited(), {
    retryAfterSeconds,
    reason: RateLimitReason[reason],
    message,
  });
}
