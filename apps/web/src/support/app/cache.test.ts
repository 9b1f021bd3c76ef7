import { InMemoryCache, gql } from "@apollo/client";
import { createSupportCache } from "./cache";

/** An action's answer selected through a fragment on its union, as the account page selects it. */
const ActionAnswer = gql`
  query ActionAnswer {
    answer {
      ...Answer
    }
  }
  fragment Answer on SupportActionResult {
    __typename
    ... on SupportActionRefused {
      code
      message
    }
  }
`;
const data = {
  answer: {
    __typename: "SupportActionRefused",
    code: "ADMIN_ONLY",
    message: "Administrators only.",
  },
};

test("the staff cache reads back a fragment on a result union: it knows the support schema's unions", () => {
  const cache = createSupportCache();
  cache.writeQuery({ query: ActionAnswer, data });
  expect(cache.readQuery({ query: ActionAnswer })).toEqual(data);
});

test("without possibleTypes the same read comes back empty (what the test above guards)", () => {
  const cache = new InMemoryCache();
  cache.writeQuery({ query: ActionAnswer, data });
  expect(cache.readQuery({ query: ActionAnswer })).not.toEqual(data);
});
