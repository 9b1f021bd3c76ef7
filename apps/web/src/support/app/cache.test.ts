import { InMemoryCache } from "@apollo/client";
import { ActionAnswerFragment } from "../routes/user/ActionReportNotice";
import { createSupportCache } from "./cache";

/*
 * Every support action selects its answer through ActionAnswer, a fragment on the union
 * SupportActionResult: the cache reads it back only if it knows the union's members.
 */
const answer = {
  __typename: "SupportActionRefused" as const,
  code: "ADMIN_ONLY" as const,
  message: "Only an administrator can do this.",
};

function roundTrip(cache: InMemoryCache) {
  const id = "answer";
  cache.writeFragment({ id, fragment: ActionAnswerFragment, data: answer });
  return cache.readFragment({ id, fragment: ActionAnswerFragment });
}

test("the staff cache reads back an action's answer: it knows the support schema's unions", () => {
  expect(roundTrip(createSupportCache())).toEqual(answer);
});

test("without possibleTypes the same answer is not read back (what the test above guards)", () => {
  expect(roundTrip(new InMemoryCache())).not.toEqual(answer);
});
