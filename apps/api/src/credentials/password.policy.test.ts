import { checkPassword } from "./password.policy";

const codes = (password: string, personal: string[] = []) =>
  checkPassword(password, personal).map((p) => p.code);

test("accepts a long passphrase with no composition rules", () => {
  expect(codes("violet anchor tundra kettle")).toEqual([]);
});

test("refuses fewer than 12 characters, counting an emoji as one", () => {
  expect(codes("abcdefghijk")).toEqual(["TOO_SHORT"]);
  expect(codes("🦊".repeat(11))).toEqual(["TOO_SHORT"]);
});

test("accepts 128 characters and refuses 129", () => {
  const words = "violet anchor tundra kettle ";
  const long = words.repeat(5).slice(0, 128);
  expect(codes(long)).toEqual([]);
  expect(codes(`${long}x`)).toEqual(["TOO_LONG"]);
});

test.each(["password1234", "qwertyuiop12", "Password123!", "111111111111"])(
  "refuses the common password %s",
  (password) => {
    expect(codes(password)).toEqual(["TOO_GUESSABLE"]);
  },
);

test("refuses a password made of the person's own email", () => {
  expect(codes("uk-customer.example", ["ops@uk-customer.example", "Dana", "Whitfield"])).toEqual([
    "TOO_GUESSABLE",
  ]);
  expect(codes("uk-customer.example", [])).toEqual([]);
});

test("explains a refusal with advice", () => {
  expect(checkPassword("password1234", [])[0]!.message).toMatch(/too easy to guess/);
});
