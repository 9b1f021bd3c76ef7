import path from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../db/migrations";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL");

/** Every environment variable the service reads, with its default. Documented in docs/configuration.md. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, ".data", "pglite")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO_DATA: booleanFlag.optional(),
  WEB_DIST_DIR: z.string().min(1).default(path.join(REPO_ROOT, "apps", "web", "dist")),
  INTROSPECTION: booleanFlag.optional(),
});

export type Config = z.infer<typeof schema> & {
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };
  introspection: boolean;
  loadDemoData: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment once; a bad variable is named in the error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message} (got ${JSON.stringify(defined[String(issue.path[0])])})`),
    );
  }
  const values = parsed.data;
  const production = values.NODE_ENV === "production";
  const database = values.DATABASE_URL
    ? ({ kind: "postgres", url: values.DATABASE_URL } as const)
    : ({ kind: "embedded", dataDir: values.DATA_DIR } as const);
  return {
    ...values,
    database,
    introspection: values.INTROSPECTION ?? !production,
    loadDemoData: values.DEMO_DATA ?? (database.kind === "embedded" && !production),
  };
}
