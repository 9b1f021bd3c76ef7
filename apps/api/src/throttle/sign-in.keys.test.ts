import { signInKeys } from "./sign-in.keys";

const names = (keys: { throttle: string }[]) => keys.map((k) => k.throttle);

test("an unknown client is counted per address and network, per address alone, and per network", () => {
  expect(signInKeys("customer", "a@b.example", "ip1", null)).toEqual([
    { throttle: "RATE_LIMIT_SIGNIN_EMAIL", value: "a@b.example:ip1" },
    { throttle: "RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL", value: "a@b.example" },
    { throttle: "RATE_LIMIT_SIGNIN_IP", value: "ip1" },
  ]);
  expect(names(signInKeys("staff", "a@b.example", "ip1", null))).toEqual([
    "RATE_LIMIT_SIGNIN_EMAIL",
    "RATE_LIMIT_STAFF_SIGNIN_EMAIL",
    "RATE_LIMIT_SIGNIN_IP",
  ]);
});

test("a known browser is counted on its device cookie, its account's known-browser allowance and network, never on the strangers' counters", () => {
  const keys = signInKeys("customer", "a@b.example", "ip1", "device-id");
  expect(keys).toEqual([
    { throttle: "RATE_LIMIT_SIGNIN_DEVICE", value: "device-id" },
    { throttle: "RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL", value: "known:a@b.example" },
    { throttle: "RATE_LIMIT_SIGNIN_IP", value: "ip1" },
  ]);
  const strangers = signInKeys("customer", "a@b.example", "ip2", null);
  for (const key of keys) expect(strangers).not.toContainEqual(key);
});

test("staff keys never share a counter with customers' keys", () => {
  for (const device of [null, "device-id"]) {
    const customer = signInKeys("customer", "a@b.example", "ip1", device);
    const staff = signInKeys("staff", "a@b.example", "ip1", device);
    for (const key of staff) expect(customer).not.toContainEqual(key);
  }
});
