import { exitWithUsage, parseCliArgs } from "./args";

const USAGE = "usage: tool --count N";
const config = { options: { count: { type: "string" } } } as const;
let printed: string[];

beforeEach(() => {
  printed = [];
  jest.spyOn(process, "exit").mockImplementation(((code: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  jest.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
  jest.spyOn(console, "error").mockImplementation((line: string) => void printed.push(line));
});
afterEach(() => {
  jest.restoreAllMocks();
});

const run = (...args: string[]) => parseCliArgs(USAGE, config, args);

test("known options are parsed", () => {
  expect(run("--count", "3").values).toEqual({ count: "3" });
});

test("--help prints the usage and exits 0", () => {
  expect(() => run("--help")).toThrow("exit 0");
  expect(printed).toEqual([USAGE]);
});

test("an unknown option says which and prints the usage, exit 2, no stack trace", () => {
  expect(() => run("--bogus")).toThrow("exit 2");
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(/^Unknown option '--bogus'/);
  expect(printed[0]!.endsWith(`\n${USAGE}`)).toBe(true);
});

test("a bad option value says what was wrong and prints the usage, exit 2", () => {
  expect(() => exitWithUsage(USAGE, "--count: must be a whole number")).toThrow("exit 2");
  expect(printed).toEqual([`--count: must be a whole number\n${USAGE}`]);
});
