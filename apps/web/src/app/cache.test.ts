import { InMemoryCache, gql } from "@apollo/client";
import { createCache } from "./cache";

/** A sign-in answer selected through a fragment on its union, as a page would select it. */
const SignInAnswer = gql`
  query SignInAnswer {
    answer {
      ...Answer
    }
  }
  fragment Answer on SignInResult {
    __typename
    ... on SignInFailed {
      message
    }
  }
`;
const data = { answer: { __typename: "SignInFailed", message: "Check your email and password." } };

test("the cache reads back a fragment on a result union: it knows the schema's unions", () => {
  const cache = createCache();
  cache.writeQuery({ query: SignInAnswer, data });
  expect(cache.readQuery({ query: SignInAnswer })).toEqual(data);
});

test("without possibleTypes the same read comes back empty (what the test above guards)", () => {
  const cache = new InMemoryCache();
  cache.writeQuery({ query: SignInAnswer, data });
  expect(cache.readQuery({ query: SignInAnswer })).not.toEqual(data);
});
