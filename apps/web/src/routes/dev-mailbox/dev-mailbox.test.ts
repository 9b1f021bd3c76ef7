import { splitLinks } from "./dev-mailbox.api";

test("links in a mail's text become anchors; the rest stays text", () => {
  expect(
    splitLinks("Open http://localhost:4000/verify?token=abc_-1 within 24 hours.\nThanks"),
  ).toEqual([
    { text: "Open " },
    {
      text: "http://localhost:4000/verify?token=abc_-1",
      href: "http://localhost:4000/verify?token=abc_-1",
    },
    { text: " within 24 hours.\nThanks" },
  ]);
  expect(splitLinks("no links")).toEqual([{ text: "no links" }]);
});
