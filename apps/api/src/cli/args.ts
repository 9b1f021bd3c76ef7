import { type ParseArgsConfig, parseArgs } from "node:util";

/** What parseArgs returns for a config (named, so the declaration emitted for tools can refer to it). */
export type ParsedCliArgs<T extends ParseArgsConfig> = ReturnType<
  typeof parseArgs<T & { args: string[] }>
>;

/**
 * `parseArgs` for a CLI: `--help` prints the usage and exits 0; an unknown or malformed option
 * prints what was wrong and the usage and exits 2, instead of a stack trace.
 */
export function parseCliArgs<T extends ParseArgsConfig>(
  usage: string,
  config: T,
  args = process.argv.slice(2),
): ParsedCliArgs<T> {
  if (args.some((arg) => arg === "--help" || arg === "-h")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ ...config, args });
  } catch (error) {
    return exitWithUsage(usage, (error as Error).message);
  }
}

/** A bad option value: says what was wrong and prints the usage, exit 2. */
export function exitWithUsage(usage: string, problem: string): never {
  console.error(`${problem}\n${usage}`);
  process.exit(2);
}
