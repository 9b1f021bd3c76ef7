import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

/** The built API, as `pnpm start` runs it (apps/api/dist: the api-integration project builds it when stale). */
const MAIN = path.join(__dirname, "..", "..", "..", "apps", "api", "dist", "main.js");

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  atMs: number;
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Every line the process wrote (pino JSON on stdout, anything on stderr), in order. */
  lines: string[];
  /** The lines it wrote on stderr alone (what a crash prints). */
  stderr: string[];
  /** Resolves when the process has ended. */
  exited: Promise<Exit>;
  alive(): boolean;
  /** Ends it hard if it is still running (clean-up after a failed test). */
  kill(): Promise<void>;
}

export interface ApiProcessOptions {
  /** The entry point to run: this checkout's built API by default, or another build's `main.js`. */
  main?: string;
  /** How long it may take to listen; past that it is killed and the start fails. */
  timeoutMs?: number;
  /**
   * Told of the process as soon as it is spawned, before it listens: for clean-up that must also
   * cover a start cut short (an interrupted drill).
   */
  onSpawn?: (api: Pick<ApiProcess, "kill">) => void;
}

function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
  stream.on("end", () => {
    if (buffer) onLine(buffer);
  });
}

/**
 * What a test's production start of the built API runs with: mail to `smtpUrl`, polled every 100 ms;
 * a fresh IP-hash secret; full documents allowed (such tests need no web build; trusted documents
 * have tests of their own); then `env` (the database, and what the test is about) on top.
 */
export function productionTestEnv(
  smtpUrl: string,
  env: Record<string, string>,
): Record<string, string> {
  return {
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    SMTP_URL: smtpUrl,
    PUBLIC_URL: "http://portal.test",
    IP_HASH_SECRET: randomBytes(16).toString("hex"),
    MAIL_POLL_INTERVAL_MS: "100",
    ALLOW_ARBITRARY_OPERATIONS: "true",
    ...env,
  };
}

/**
 * The built API (apps/api/dist/main.js, as `pnpm start` runs it, or `options.main`) as a child
 * process, with `env` as its whole configuration besides PATH. Resolves once it logs that it
 * listens; a process that does not is killed and the start fails with its last lines.
 */
export async function startApiProcess(
  env: Record<string, string>,
  options: ApiProcessOptions = {},
): Promise<ApiProcess> {
  const { main = MAIN, timeoutMs = 30_000 } = options;
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      WEB_DIST_DIR: "/nonexistent",
      // Development's default (9464) would be taken by the first of several processes.
      METRICS_PORT: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  let ended = false;
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      ended = true;
      resolve({ code, signal, atMs: Date.now() });
    }),
  );
  const kill = async () => {
    if (!ended) child.kill("SIGKILL");
    await exited;
  };
  options.onSpawn?.({ kill });
  const url = new Promise<string>((resolve, reject) => {
    const output = () => lines.slice(-40).join("\n");
    const timer = setTimeout(() => {
      reject(new Error(`API process did not listen within ${timeoutMs} ms:\n${output()}`));
      void kill();
    }, timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`API process exited (${code ?? signal}) before listening:\n${output()}`));
    });
    readLines(child.stdout, (line) => {
      lines.push(line);
      if (line.includes('"customer portal listening"')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    readLines(child.stderr, (line) => {
      lines.push(line);
      stderr.push(line);
    });
  });
  return { url: await url, child, lines, stderr, exited, alive: () => !ended, kill };
}

/** The log lines (parsed) whose `msg` matches. */
export function logged(lines: string[], msg: RegExp): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      return typeof entry.msg === "string" && msg.test(entry.msg) ? [entry] : [];
    } catch {
      return [];
    }
  });
}

/** Log lines at error level or above (pino levels 50, 60), and anything on stderr. */
export function errorLines(api: Pick<ApiProcess, "lines" | "stderr">): string[] {
  const errors = api.lines.filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
  return [...errors, ...api.stderr];
}

export const describeExit = (exit: Exit) =>
  exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
